import { describeWithMysql } from '@houston/testing';
import { mysqlHouston } from './test-support/start-houston';
import { grayReleaseSuite } from './test-support/gray-release-suite';

describeWithMysql('gray release on MariaDB', () => {
  grayReleaseSuite(() => mysqlHouston({}));
});
