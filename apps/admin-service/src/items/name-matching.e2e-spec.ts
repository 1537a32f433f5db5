import { nameMatchingSuite } from '../test-support/name-matching-suite';
import { startAdminTestServer } from '../test-support/admin-test-server';

describe('names and keys match as on MariaDB (SQLite)', () => {
  nameMatchingSuite(() => startAdminTestServer());
});
