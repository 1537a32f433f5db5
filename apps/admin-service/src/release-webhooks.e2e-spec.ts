import { startAdminTestServer } from './test-support/admin-test-server';
import { webhookSuite } from './test-support/webhook-suite';

describe('release validation webhooks (SQLite)', () => {
  webhookSuite(() => startAdminTestServer());
});
