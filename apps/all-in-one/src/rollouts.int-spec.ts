import { describeWithMysql } from '@houston/testing';
import { mysqlHouston } from './test-support/start-houston';
import { gatedRolloutSuite } from './test-support/gated-rollout-suite';
import { manualRolloutSuite } from './test-support/rollout-suite';

const FAST = { HOUSTON_ROLLOUT_MIN_BAKE_TIME: '0s', HOUSTON_ROLLOUT_TICK: '100ms' };

describeWithMysql('a rollout driven by hand (MariaDB)', () => {
  manualRolloutSuite(() => mysqlHouston(FAST));
});

describeWithMysql('rollouts moved by their health gates, with SDK clients (MariaDB)', () => {
  gatedRolloutSuite(() => mysqlHouston(FAST));
});
