import { startAdminTestServer } from '../test-support/admin-test-server';
import { releasePreconditionSuite } from '../test-support/release-precondition-suite';

describe('publish only if unchanged (SQLite)', () => {
  releasePreconditionSuite(() => startAdminTestServer());
});
