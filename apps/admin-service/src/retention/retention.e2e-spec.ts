import { startAdminTestServer } from '../test-support/admin-test-server';
import { retentionSuite } from '../test-support/retention-suite';

describe('retention (SQLite)', () => {
  retentionSuite((retention) => startAdminTestServer({ retention }));
});
