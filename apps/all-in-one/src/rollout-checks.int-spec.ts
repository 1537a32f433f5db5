import { randomBytes } from 'node:crypto';
import { describeWithMysql } from '@houston/testing';
import { mysqlHouston } from './test-support/start-houston';
import { rolloutChecksSuite } from './test-support/rollout-checks-suite';

const FAST = { HOUSTON_ROLLOUT_MIN_BAKE_TIME: '0s', HOUSTON_ROLLOUT_TICK: '100ms' };

describeWithMysql("a rollout's steps and merge pass the release checks (MariaDB)", () => {
  rolloutChecksSuite(() =>
    mysqlHouston({ ...FAST, HOUSTON_SECRET_KEYS: `k1:${randomBytes(32).toString('base64')}` }),
  );
});
