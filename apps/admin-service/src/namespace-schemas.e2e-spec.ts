import { startAdminTestServer } from './test-support/admin-test-server';
import { schemaSuite } from './test-support/schema-suite';

describe('namespace schemas (SQLite)', () => {
  schemaSuite(() => startAdminTestServer());
});
