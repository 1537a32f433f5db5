import { createScratchMysqlDatabase, describeWithMysql, type ScratchDatabase } from '@houston/testing';
import { nameMatchingSuite } from '../test-support/name-matching-suite';
import { startAdminTestServer } from '../test-support/admin-test-server';

describeWithMysql('names and keys match as on SQLite (MariaDB)', () => {
  let scratch: ScratchDatabase;
  afterAll(async () => scratch?.drop());
  nameMatchingSuite(async () => {
    scratch = await createScratchMysqlDatabase('houston_names');
    return startAdminTestServer({}, scratch.url);
  });
});
