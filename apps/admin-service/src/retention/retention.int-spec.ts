import { createScratchMysqlDatabase, describeWithMysql, type ScratchDatabase } from '@houston/testing';
import { startAdminTestServer } from '../test-support/admin-test-server';
import { retentionSuite } from '../test-support/retention-suite';

describeWithMysql('retention (MariaDB)', () => {
  let scratch: ScratchDatabase;
  afterAll(async () => scratch?.drop());
  retentionSuite(async (retention) => {
    scratch = await createScratchMysqlDatabase('houston_retention');
    return startAdminTestServer({ retention }, scratch.url);
  });
});
