import { createScratchMysqlDatabase, describeWithMysql, type ScratchDatabase } from '@houston/testing';
import { secretsProcessSuite } from './test-support/secrets-process-suite';

describeWithMysql('secrets at rest, end to end (MariaDB)', () => {
  let scratch: ScratchDatabase;
  afterAll(async () => scratch?.drop());
  secretsProcessSuite(async () => {
    scratch = await createScratchMysqlDatabase('houston_secrets_e2e');
    return scratch.url;
  });
});
