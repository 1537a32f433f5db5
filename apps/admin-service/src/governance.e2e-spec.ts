import { startAdminTestServer } from './test-support/admin-test-server';
import { governanceSuite } from './test-support/governance-suite';

const SWITCHES = { governance: { namespaceLock: true, editorCannotRelease: true } };

describe('namespace lock and separation of duties, both switches on (SQLite)', () => {
  governanceSuite(() => startAdminTestServer(SWITCHES));
});
