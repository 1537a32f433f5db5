import { grayReleaseSuite } from './test-support/gray-release-suite';
import { grayWakeSuite } from './test-support/gray-wake-suite';
import { embeddedHouston } from './test-support/start-houston';

describe('gray release (embedded default: SQLite)', () => {
  grayReleaseSuite(() => embeddedHouston({}));
});

describe('gray changes wake real clients by the table scan alone (SQLite)', () => {
  grayWakeSuite(() => embeddedHouston({ HOUSTON_SCAN_INTERVAL: '1s' }, { inProcessHint: false }));
});
