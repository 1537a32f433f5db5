import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startAllInOne, type RunningHouston } from '../all-in-one';
import { runnableShellBlocks } from './readme-blocks';

const run = promisify(execFile);
const root = join(__dirname, '../../../..');

/**
 * The READMEs whose command blocks a reader runs against `npm start`; every ```sh block in them
 * runs here, in order, unless marked ```sh no-run.
 */
const READMES = ['README.md', 'examples/nestjs-app/README.md'];

/**
 * Every shell block of each README runs against a fresh `npm start` process (port 0, a scratch
 * data directory as the working directory, so `data/admin-token` is there), with the documented
 * addresses replaced by the real ones. curl fails on an HTTP error here, so a command the server
 * refuses fails the test.
 */
describe.each(READMES)('the command blocks of %s', (readme) => {
  let dir: string;
  let houston: RunningHouston;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'houston-readme-'));
    mkdirSync(join(dir, 'data'));
    houston = await startAllInOne({
      HOUSTON_DB_URL: `sqlite:${join(dir, 'data', 'houston.sqlite')}`,
      HOUSTON_PORTAL_DB_URL: `sqlite:${join(dir, 'data', 'portal.sqlite')}`,
      HOUSTON_PORTAL_ADMIN_PASSWORD: 'choose-a-long-one',
      HOUSTON_CONFIG_PORT: '0',
      HOUSTON_ADMIN_PORT: '0',
      HOUSTON_PORTAL_PORT: '0',
      HOUSTON_ADMIN_TOKENS: '',
      HOUSTON_LOG_LEVEL: 'error',
    });
  });

  afterAll(async () => {
    await houston?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('all run and succeed, in order', async () => {
    const blocks = runnableShellBlocks(readFileSync(join(root, readme), 'utf8'));
    expect(blocks.length).toBeGreaterThan(0);
    const addresses: Array<[string, string]> = [
      ['http://127.0.0.1:8090', houston.adminUrl],
      ['http://127.0.0.1:8080', houston.configUrl],
      ['http://127.0.0.1:8070', houston.portalUrl!],
      ['/tmp/portal.cookies', join(dir, 'portal.cookies')],
    ];
    const script = [
      'set -euo pipefail',
      // An HTTP error is a failed command, as a reader would see it in the output.
      'curl() { command curl --fail-with-body --silent --show-error --max-time 30 "$@"; }',
      ...blocks.map(
        (block) =>
          `echo "--- ${readme}:${block.line}" >&2\n` +
          addresses.reduce((code, [documented, real]) => code.split(documented).join(real), block.code),
      ),
    ].join('\n');
    try {
      await run('bash', ['-c', script], { cwd: dir, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      const failedAt = (stderr ?? '').match(/--- (\S+)\n(?![\s\S]*--- )/)?.[1] ?? 'an unknown block';
      throw new Error(
        `a command of the block at ${failedAt} failed:\n${(stderr ?? '').slice(-3000)}\n--- stdout:\n${(stdout ?? '').slice(-3000)}`,
      );
    }
  }, 180_000);
});
