import { publicNamespaceSuite } from './test-support/public-namespaces-suite';
import { embeddedHouston } from './test-support/start-houston';

describe('public namespaces and association (embedded default: SQLite)', () => {
  publicNamespaceSuite(() => embeddedHouston({ HOUSTON_NAMESPACE_CACHE_TTL: '100ms' }));
});
