import { createScratchMysqlDatabase, describeWithMysql, type ScratchDatabase } from '@houston/testing';
import { concurrentEditsSuite } from '../test-support/concurrent-edits-suite';
import { startAdminTestServer } from '../test-support/admin-test-server';

describeWithMysql('concurrent edits of one namespace (MariaDB)', () => {
  let scratch: ScratchDatabase;
  afterAll(async () => scratch?.drop());
  concurrentEditsSuite(async () => {
    scratch = await createScratchMysqlDatabase('houston_concurrency');
    return startAdminTestServer({}, scratch.url);
  });
});
