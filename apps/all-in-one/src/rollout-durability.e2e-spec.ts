import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rolloutDurabilitySuite } from './test-support/rollout-durability-suite';

describe('rollouts across admin-service processes (SQLite file)', () => {
  rolloutDurabilitySuite(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'houston-rollout-durability-'));
    return {
      url: `sqlite:${join(dir, 'houston.sqlite')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  });
});
