import { startAdminTestServer } from './test-support/admin-test-server';
import { secretsOverrideSuite, secretsSuite, secretsWithoutKeysSuite } from './test-support/secrets-suite';

describe('secret items (SQLite)', () => {
  secretsSuite((secretKeys) => startAdminTestServer({ secretKeys }));
});

describe('secret items without master keys (SQLite)', () => {
  secretsWithoutKeysSuite(() => startAdminTestServer());
});

describe('secrets released without an access key on override (SQLite)', () => {
  secretsOverrideSuite((secretKeys) => startAdminTestServer({ secretKeys }));
});
