import { accessKeyModesSuite } from './test-support/access-key-modes-suite';
import { describeWithMysql } from '@houston/testing';
import { mysqlHouston } from './test-support/start-houston';
import { accessKeySuite } from './test-support/access-keys-suite';

describeWithMysql('access keys on MariaDB', () => {
  accessKeySuite(() => mysqlHouston({ HOUSTON_ACCESS_KEY_CACHE_TTL: '100ms' }));
});

describeWithMysql('access key modes on MariaDB', () => {
  accessKeyModesSuite(() => mysqlHouston());
});
