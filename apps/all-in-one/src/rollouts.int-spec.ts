import { describeWithMysql } from '@houston/testing';
import { mysqlHouston } from './test-support/start-houston';
import { manualRolloutSuite } from './test-support/rollout-suite';

const FAST = { HOUSTON_ROLLOUT_MIN_BAKE_TIME: '0s', HOUSTON_ROLLOUT_TICK: '100ms' };

describeWithMysql('a rollout driven by hand (MariaDB)', () => {
  manualRolloutSuite(() => mysqlHouston(FAST));
});
