import { createScratchMysqlDatabase, describeWithMysql } from '@houston/testing';
import { rolloutDurabilitySuite } from './test-support/rollout-durability-suite';

describeWithMysql('rollouts across admin-service processes (MariaDB)', () => {
  rolloutDurabilitySuite(() => createScratchMysqlDatabase('houston_rollouts'));
});
