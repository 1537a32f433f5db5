import { embeddedHouston } from './test-support/start-houston';
import { rolloutSignalsSuite } from './test-support/rollout-signals-suite';

const FAST = {
  HOUSTON_ROLLOUT_MIN_BAKE_TIME: '0s',
  HOUSTON_ROLLOUT_TICK: '100ms',
  HOUSTON_INSTANCE_FLUSH_INTERVAL: '100ms',
};

describe("a rollout's gates on real clients' signals (SQLite)", () => {
  rolloutSignalsSuite(() => embeddedHouston(FAST));
});
