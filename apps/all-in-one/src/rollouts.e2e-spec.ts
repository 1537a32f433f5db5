import { embeddedHouston } from './test-support/start-houston';
import { gatedRolloutSuite } from './test-support/gated-rollout-suite';
import { manualRolloutSuite } from './test-support/rollout-suite';

const FAST = { HOUSTON_ROLLOUT_MIN_BAKE_TIME: '0s', HOUSTON_ROLLOUT_TICK: '100ms' };

describe('a rollout driven by hand (SQLite)', () => {
  manualRolloutSuite(() => embeddedHouston(FAST));
});

describe('rollouts moved by their health gates, with SDK clients (SQLite)', () => {
  gatedRolloutSuite(() => embeddedHouston(FAST));
});
