import { createScratchMysqlDatabase, describeWithMysql, type ScratchDatabase } from '@houston/testing';
import { startAdminTestServer } from '../test-support/admin-test-server';
import { releasePreconditionSuite } from '../test-support/release-precondition-suite';

describeWithMysql('publish only if unchanged (MariaDB)', () => {
  let scratch: ScratchDatabase;
  afterAll(async () => scratch?.drop());
  releasePreconditionSuite(async () => {
    scratch = await createScratchMysqlDatabase('houston_review_precondition');
    return startAdminTestServer({}, scratch.url);
  });
});
