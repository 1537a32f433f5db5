import { describeWithMysql } from '@houston/testing';
import { mysqlHouston } from './test-support/start-houston';
import { rolloutSignalsSuite } from './test-support/rollout-signals-suite';

const FAST = {
  HOUSTON_ROLLOUT_MIN_BAKE_TIME: '0s',
  HOUSTON_ROLLOUT_TICK: '100ms',
  HOUSTON_INSTANCE_FLUSH_INTERVAL: '100ms',
};

describeWithMysql("a rollout's gates on real clients' signals (MariaDB)", () => {
  rolloutSignalsSuite(() => mysqlHouston(FAST));
});
