import { startAdminTestServer } from './test-support/admin-test-server';
import { testKeyRing } from './test-support/secrets-suite';
import { webhookSuite } from './test-support/webhook-suite';

describe('release validation webhooks (SQLite)', () => {
  webhookSuite(() => startAdminTestServer({ secretKeys: testKeyRing() }));
});
