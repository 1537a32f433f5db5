import { createScratchMysqlDatabase, describeWithMysql, type ScratchDatabase } from '@houston/testing';
import { startAdminTestServer } from './test-support/admin-test-server';
import { governanceSuite } from './test-support/governance-suite';

describeWithMysql('namespace lock and separation of duties, both switches on (MariaDB)', () => {
  let scratch: ScratchDatabase;
  afterAll(async () => scratch?.drop());
  governanceSuite(async () => {
    scratch = await createScratchMysqlDatabase('houston_governance');
    return startAdminTestServer(
      { governance: { namespaceLock: true, editorCannotRelease: true } },
      scratch.url,
    );
  });
});
