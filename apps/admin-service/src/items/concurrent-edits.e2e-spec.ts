import { concurrentEditsSuite } from '../test-support/concurrent-edits-suite';
import { startAdminTestServer } from '../test-support/admin-test-server';

describe('concurrent edits of one namespace (SQLite)', () => {
  concurrentEditsSuite(() => startAdminTestServer());
});
