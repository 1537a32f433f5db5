import { startAdminTestServer } from './test-support/admin-test-server';
import { namespacesInClusterSuite } from './test-support/namespaces-in-cluster-suite';

describe('namespaces of one cluster (SQLite)', () => {
  namespacesInClusterSuite(() => startAdminTestServer());
});
