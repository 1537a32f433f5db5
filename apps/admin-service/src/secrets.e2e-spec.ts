import { startAdminTestServer } from './test-support/admin-test-server';
import { secretsSuite, secretsWithoutKeysSuite } from './test-support/secrets-suite';

describe('secret items (SQLite)', () => {
  secretsSuite((secretKeys) => startAdminTestServer({ secretKeys }));
});

describe('secret items without master keys (SQLite)', () => {
  secretsWithoutKeysSuite(() => startAdminTestServer());
});
