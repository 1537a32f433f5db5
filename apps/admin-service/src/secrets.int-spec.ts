import { createScratchMysqlDatabase, describeWithMysql, type ScratchDatabase } from '@houston/testing';
import { startAdminTestServer } from './test-support/admin-test-server';
import { rotationSuite, secretsSuite } from './test-support/secrets-suite';

describeWithMysql('secret items (MariaDB)', () => {
  let scratch: ScratchDatabase;
  afterAll(async () => scratch?.drop());
  secretsSuite(async (secretKeys) => {
    scratch = await createScratchMysqlDatabase('houston_secrets');
    return startAdminTestServer({ secretKeys }, scratch.url);
  });
});

describeWithMysql('secret key rotation (MariaDB)', () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await createScratchMysqlDatabase('houston_rotation');
  });
  afterAll(async () => scratch?.drop());
  rotationSuite((secretKeys) => startAdminTestServer({ secretKeys }, scratch.url));
});
