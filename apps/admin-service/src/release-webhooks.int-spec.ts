import { createScratchMysqlDatabase, describeWithMysql, type ScratchDatabase } from '@houston/testing';
import { startAdminTestServer } from './test-support/admin-test-server';
import { testKeyRing } from './test-support/secrets-suite';
import { webhookSuite } from './test-support/webhook-suite';

describeWithMysql('release validation webhooks (MariaDB)', () => {
  let scratch: ScratchDatabase;
  afterAll(async () => scratch?.drop());
  webhookSuite(async () => {
    scratch = await createScratchMysqlDatabase('houston_webhooks');
    return startAdminTestServer({ secretKeys: testKeyRing() }, scratch.url);
  });
});
