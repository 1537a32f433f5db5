import { createScratchMysqlDatabase, describeWithMysql, type ScratchDatabase } from '@houston/testing';
import { startAdminTestServer } from './test-support/admin-test-server';
import { idempotencySuite } from './test-support/idempotency-suite';

describeWithMysql('Idempotency-Key on publish and rollback (MariaDB)', () => {
  let scratch: ScratchDatabase;
  afterAll(async () => scratch?.drop());
  idempotencySuite(async () => {
    scratch = await createScratchMysqlDatabase('houston_idempotency');
    return startAdminTestServer({}, scratch.url);
  });
});
