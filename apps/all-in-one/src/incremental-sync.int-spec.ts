import { describeWithMysql } from '@houston/testing';
import { incrementalSyncSuite } from './test-support/incremental-sync-suite';
import { mysqlHouston } from './test-support/start-houston';

describeWithMysql('incremental sync on MariaDB', () => {
  incrementalSyncSuite(() => mysqlHouston({ HOUSTON_NAMESPACE_CACHE_TTL: '200ms' }));
});
