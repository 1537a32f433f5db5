import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('the README env tables', () => {
  it("are what the servers' env schemas generate (node scripts/env-table.mjs --check)", () => {
    // A process of its own, on the build (as `npm run docs:env`): Prettier loads its plugins with
    // dynamic imports jest does not allow.
    const check = spawnSync(process.execPath, ['scripts/env-table.mjs', '--check'], {
      cwd: join(__dirname, '../../../..'),
      encoding: 'utf8',
    });
    if (check.status !== 0) throw new Error(check.stderr || `exit ${check.status}`);
  });
});
