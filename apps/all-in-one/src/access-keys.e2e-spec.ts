import { accessKeyModesSuite } from './test-support/access-key-modes-suite';
import { accessKeySuite } from './test-support/access-keys-suite';
import { embeddedHouston } from './test-support/start-houston';

describe('access keys (embedded default: SQLite)', () => {
  accessKeySuite(() => embeddedHouston({ HOUSTON_ACCESS_KEY_CACHE_TTL: '100ms' }));
});

describe('access key modes (embedded default: SQLite)', () => {
  accessKeyModesSuite(() => embeddedHouston());
});
