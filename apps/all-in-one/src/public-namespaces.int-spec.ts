import { describeWithMysql } from '@houston/testing';
import { mysqlHouston } from './test-support/start-houston';
import { publicNamespaceSuite } from './test-support/public-namespaces-suite';

describeWithMysql('public namespaces and association on MariaDB', () => {
  publicNamespaceSuite(() => mysqlHouston({ HOUSTON_NAMESPACE_CACHE_TTL: '100ms' }));
});
