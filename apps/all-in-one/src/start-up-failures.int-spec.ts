import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describeWithMysql, TEST_MYSQL_URL } from '@houston/testing';

// Start-up against the real MariaDB with a database that does not exist and a wrong password:
// one line naming HOUSTON_DB_URL, exit 1, and the password nowhere in the output.

const ROOT = resolve(__dirname, '../../..');
const PASSWORD = 'wrong-and-never-printed';

function run(main: string, env: Record<string, string>, cwd: string) {
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps', main, 'src/main.js')], {
    cwd,
    env: {
      ...process.env,
      HOUSTON_LOG_LEVEL: 'warn',
      HOUSTON_CONFIG_PORT: '0',
      HOUSTON_ADMIN_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    }),
  );
}

describeWithMysql('start-up failures on MariaDB', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'houston-start-db-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names HOUSTON_DB_URL when the database does not exist', async () => {
    const url = new URL(TEST_MYSQL_URL);
    url.pathname = '/houston_no_such_database';
    const finished = await run('config-service', { HOUSTON_DB_URL: url.toString() }, dir);
    expect(finished.code).toBe(1);
    expect(finished.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^config-service: HOUSTON_DB_URL: cannot open .*houston_no_such_database: the database does not exist$/,
      ),
    ]);
  }, 60_000);

  it('names HOUSTON_DB_URL when access is denied, and never prints the password', async () => {
    const url = new URL(TEST_MYSQL_URL);
    url.username = 'houston_nobody';
    url.password = PASSWORD;
    const finished = await run('all-in-one', { HOUSTON_DB_URL: url.toString() }, dir);
    expect(finished.code).toBe(1);
    expect(finished.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^houston: HOUSTON_DB_URL: cannot open mysql:\/\/houston_nobody:\*\*\*@.*: .*(denied|Access)/i,
      ),
    ]);
    expect(finished.stdout + finished.stderr).not.toContain(PASSWORD);
  }, 60_000);
});
