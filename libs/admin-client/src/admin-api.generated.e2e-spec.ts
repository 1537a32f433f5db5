import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('the generated admin-service client', () => {
  it('is what scripts/admin-client.mjs makes of the committed admin-service document', () => {
    // In a process of its own: Prettier loads its plugins with dynamic imports jest does not allow.
    const check = spawnSync(process.execPath, ['scripts/admin-client.mjs', '--check'], {
      cwd: join(__dirname, '../../..'),
      encoding: 'utf8',
    });
    if (check.status !== 0) throw new Error(check.stderr || `exit ${check.status}`);
  });
});
