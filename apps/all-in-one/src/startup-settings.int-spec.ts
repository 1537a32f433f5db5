import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createScratchMysqlDatabase,
  describeWithMysql,
  startHoustonProcess,
  startServerProcess,
  TEST_MYSQL_URL,
  TEST_REDIS_URL,
  type HoustonProcess,
  type ScratchDatabase,
  type ServerProcess,
} from '@houston/testing';
import { createConnection } from 'mysql2/promise';

/** Each process gets this long to start: several start on two shared cores. */
const STARTUP_MS = 60_000;

/** A value that cannot appear in any output by accident. */
const secret = (what: string) => `${what}-${randomBytes(12).toString('hex')}`;

const SECRETS = {
  dbPassword: secret('dbpass'),
  redisPassword: secret('redispass'),
  consulToken: secret('consul'),
  adminToken: secret('admintoken'),
  portalAdminToken: secret('portaltoken'),
  sessionSecret: secret('session'),
  portalPassword: secret('portalpass'),
  metaPassword: secret('metapass'),
};

/** The one start-up line: JSON, a `starting …` message, the effective settings under `env`. */
function startupLines(output: string): Array<{ msg: string; env: Record<string, unknown> }> {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line))
    .filter((entry) => typeof entry.msg === 'string' && entry.msg.startsWith('starting') && entry.env);
}

/**
 * Every server prints its effective settings once at start-up, as one JSON line, and no secret
 * reaches its output: a database password, a Redis password, the Consul token, service tokens,
 * the portal's session secret and first password, a password in a meta-server URL. Each server
 * runs as its own process on MariaDB (a user with a password made for the test), as deployed.
 */
describeWithMysql('start-up settings line', () => {
  let scratch: ScratchDatabase;
  let dir: string;
  const user = `houston_${randomBytes(4).toString('hex')}`;
  const admin = () => {
    const base = new URL(TEST_MYSQL_URL);
    return createConnection({
      host: base.hostname,
      port: Number(base.port || 3306),
      user: decodeURIComponent(base.username || 'root'),
      password: decodeURIComponent(base.password),
    });
  };

  beforeAll(async () => {
    scratch = await createScratchMysqlDatabase('houston_settings');
    dir = mkdtempSync(join(tmpdir(), 'houston-settings-'));
    const connection = await admin();
    try {
      await connection.query(`CREATE USER '${user}'@'%' IDENTIFIED BY '${SECRETS.dbPassword}'`);
      await connection.query(`GRANT ALL ON \`${scratch.name}\`.* TO '${user}'@'%'`);
    } finally {
      await connection.end();
    }
  });

  afterAll(async () => {
    const connection = await admin();
    try {
      await connection.query(`DROP USER IF EXISTS '${user}'@'%'`);
    } finally {
      await connection.end();
    }
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is printed once by every server, with every secret masked and none in the output', async () => {
    // Five processes start on two shared cores.
    const database = new URL(scratch.url);
    database.username = user;
    database.password = SECRETS.dbPassword;
    const redis = new URL(TEST_REDIS_URL);
    redis.password = SECRETS.redisPassword;
    const common = {
      HOUSTON_DB_URL: database.toString(),
      HOUSTON_REDIS_URL: redis.toString(),
      HOUSTON_CONSUL_TOKEN: SECRETS.consulToken,
      HOUSTON_ADMIN_TOKENS: SECRETS.adminToken,
    };
    const portal = {
      HOUSTON_PORTAL_DB_URL: `sqlite:${join(dir, 'portal.sqlite')}`,
      HOUSTON_PORTAL_SESSION_SECRET: SECRETS.sessionSecret,
      HOUSTON_PORTAL_ADMIN_PASSWORD: SECRETS.portalPassword,
      HOUSTON_PORTAL_ADMIN_TOKEN: SECRETS.portalAdminToken,
      HOUSTON_PORTAL_ENVS: `DEV=http://meta:${SECRETS.metaPassword}@127.0.0.1:9`,
    };
    // One after another on two shared cores; every process started is stopped, whatever fails.
    const servers: ServerProcess[] = [];
    let allInOne: HoustonProcess | undefined;
    const stopAll = () => Promise.all([...servers.map((server) => server.stop()), allInOne?.stop()]);
    try {
      for (const [name, env] of [
        ['admin-service', common],
        ['config-service', common],
        ['meta-server', common],
        ['portal', portal],
      ] as const) {
        servers.push(await startServerProcess(name, env, STARTUP_MS));
      }
      allInOne = await startHoustonProcess(
        {
          ...common,
          HOUSTON_DB_URL: `sqlite:${join(dir, 'houston.sqlite')}`,
          HOUSTON_LOG_LEVEL: 'info',
          HOUSTON_PORTAL_ENABLED: 'true',
          ...portal,
          HOUSTON_PORTAL_DB_URL: `sqlite:${join(dir, 'all-in-one-portal.sqlite')}`,
        },
        STARTUP_MS,
      );
    } catch (error) {
      await stopAll();
      throw error;
    }
    try {
      const outputs = [...servers.map((server) => server.output()), allInOne.output()];
      for (const output of outputs) {
        const lines = startupLines(output);
        expect(lines).toHaveLength(1);
        const env = lines[0]!.env;
        for (const [name, value] of Object.entries(env)) {
          if (/TOKEN|SECRET|PASSWORD/.test(name) && value !== undefined)
            expect({ [name]: value }).toEqual({ [name]: '***' });
        }
        if ('HOUSTON_DB_URL' in env && String(env['HOUSTON_DB_URL']).startsWith('mysql')) {
          expect(env['HOUSTON_DB_URL']).toBe(scratch.url.replace('root@', `${user}:***@`));
        }
        for (const value of Object.values(SECRETS)) expect(output).not.toContain(value);
      }
      expect(startupLines(outputs[0]!)[0]!.env['HOUSTON_REDIS_URL']).toBe(
        redis.toString().replace(SECRETS.redisPassword, '***'),
      );
      expect(JSON.stringify(startupLines(outputs[3]!)[0]!.env['HOUSTON_PORTAL_ENVS'])).toContain(
        'meta:***@127.0.0.1:9',
      );
    } finally {
      await stopAll();
    }
    for (const output of [...servers.map((server) => server.output()), allInOne.output()]) {
      for (const value of Object.values(SECRETS)) expect(output).not.toContain(value);
    }
  }, 400_000);
});
