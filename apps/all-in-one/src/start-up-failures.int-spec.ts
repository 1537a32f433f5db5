import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithMysql, TEST_MYSQL_URL } from '@houston/testing';
import { runToExit } from './test-support/run-to-exit';

// Start-up against the real MariaDB with a database that does not exist and a wrong password:
// one line naming HOUSTON_DB_URL, exit 1, and the password nowhere in the output.

const PASSWORD = 'wrong-and-never-printed';

/** Ports 0: a server that gets past the database must not collide with anything. */
const run = (main: string, env: Record<string, string>, cwd: string) =>
  runToExit(main, { HOUSTON_CONFIG_PORT: '0', HOUSTON_ADMIN_PORT: '0', ...env }, cwd);

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
