import { describeWithMysql } from '@houston/testing';
import { mysqlHouston } from './test-support/start-houston';
import { grayReleaseSuite } from './test-support/gray-release-suite';
import { grayWakeSuite } from './test-support/gray-wake-suite';

describeWithMysql('gray release on MariaDB', () => {
  grayReleaseSuite(() => mysqlHouston({}));
});

describeWithMysql('gray changes wake real clients by the table scan alone (MariaDB)', () => {
  grayWakeSuite(() => mysqlHouston({ HOUSTON_SCAN_INTERVAL: '1s' }, { inProcessHint: false }));
});
