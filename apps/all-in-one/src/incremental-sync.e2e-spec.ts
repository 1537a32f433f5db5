import { incrementalSyncSuite } from './test-support/incremental-sync-suite';
import { embeddedHouston } from './test-support/start-houston';

describe('incremental sync (embedded default: SQLite)', () => {
  incrementalSyncSuite(() => embeddedHouston({ HOUSTON_NAMESPACE_CACHE_TTL: '200ms' }));
});
