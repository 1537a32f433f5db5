import { createScratchMysqlDatabase, describeWithMysql, type ScratchDatabase } from '@houston/testing';
import { startAdminTestServer } from './test-support/admin-test-server';
import { schemaSuite } from './test-support/schema-suite';

describeWithMysql('namespace schemas (MariaDB)', () => {
  let scratch: ScratchDatabase;
  afterAll(async () => scratch?.drop());
  schemaSuite(async () => {
    scratch = await createScratchMysqlDatabase('houston_schemas');
    return startAdminTestServer({}, scratch.url);
  });
});
