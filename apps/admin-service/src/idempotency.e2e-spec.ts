import { startAdminTestServer } from './test-support/admin-test-server';
import { idempotencySuite } from './test-support/idempotency-suite';

describe('Idempotency-Key on publish and rollback (SQLite)', () => {
  idempotencySuite(() => startAdminTestServer());
});
