import { createScratchMysqlDatabase, describeWithMysql, type ScratchDatabase } from '@houston/testing';
import { startAdminTestServer } from './test-support/admin-test-server';
import { namespacesInClusterSuite } from './test-support/namespaces-in-cluster-suite';

describeWithMysql('namespaces of one cluster (MariaDB)', () => {
  let scratch: ScratchDatabase;
  afterAll(async () => scratch?.drop());
  namespacesInClusterSuite(async () => {
    scratch = await createScratchMysqlDatabase('houston_cluster_namespaces');
    return startAdminTestServer({}, scratch.url);
  });
});
