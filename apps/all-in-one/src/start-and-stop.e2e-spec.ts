import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHoustonProcess } from '@houston/testing';
import { call, notificationsQuery } from './test-support/http-client';
import { runToExit as run, type Finished } from './test-support/run-to-exit';

// Start-up failures, the banner, signals and the drain period, on real processes (dist/).

const ROOT = resolve(__dirname, '../../..');
const PASSWORD = 'hunter2-never-printed';

function busyPort(): Promise<{ server: Server; port: number }> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      done({ server, port: (server.address() as { port: number }).port });
    });
  });
}

function refusesConnections(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((done) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => done(true));
  });
}

describe('start-up failures', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'houston-start-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const expectOneLine = (finished: Finished, pattern: RegExp) => {
    expect(finished.code).toBe(1);
    const lines = finished.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(finished.stdout + finished.stderr).not.toContain(PASSWORD);
    expect(finished.stderr).not.toMatch(/\n\s+at /);
  };

  it('names HOUSTON_DB_URL when MySQL refuses, without the password', async () => {
    const { server, port } = await busyPort();
    server.close();
    const url = `mysql://houston:${PASSWORD}@127.0.0.1:${port}/houston`;
    expectOneLine(
      await run('all-in-one', { HOUSTON_DB_URL: url }, dir),
      /^houston: HOUSTON_DB_URL: cannot open mysql:\/\/houston:\*\*\*@127\.0\.0\.1:\d+\/houston: connection refused$/,
    );
    expectOneLine(
      await run('config-service', { HOUSTON_DB_URL: url, HOUSTON_CONFIG_PORT: '0' }, dir),
      /^config-service: HOUSTON_DB_URL: cannot open .*connection refused$/,
    );
  }, 60_000);

  it('names the port setting when the port is taken', async () => {
    const { server, port } = await busyPort();
    try {
      expectOneLine(
        await run(
          'all-in-one',
          {
            HOUSTON_DB_URL: `sqlite:${join(dir, 'a.sqlite')}`,
            HOUSTON_CONFIG_PORT: String(port),
            HOUSTON_ADMIN_PORT: '0',
          },
          dir,
        ),
        new RegExp(`^houston: HOUSTON_CONFIG_PORT: 127\\.0\\.0\\.1:${port} is already in use$`),
      );
      expectOneLine(
        await run(
          'admin-service',
          {
            HOUSTON_DB_URL: `sqlite:${join(dir, 'b.sqlite')}`,
            HOUSTON_HOST: '127.0.0.1',
            HOUSTON_ADMIN_PORT: String(port),
          },
          dir,
        ),
        /^admin-service: HOUSTON_ADMIN_PORT: .* is already in use$/,
      );
    } finally {
      server.close();
    }
  }, 60_000);

  it.each([
    ['admin-service', 'HOUSTON_ADMIN_PORT'],
    ['config-service', 'HOUSTON_CONFIG_PORT'],
    ['meta-server', 'HOUSTON_META_PORT'],
  ])(
    'starts %s on loopback unless HOUSTON_HOST asks for another address',
    async (main, portSetting) => {
      const { server, port } = await busyPort();
      try {
        expectOneLine(
          await run(
            main,
            { HOUSTON_DB_URL: `sqlite:${join(dir, `${main}.sqlite`)}`, [portSetting]: String(port) },
            dir,
          ),
          new RegExp(`^${main}: ${portSetting}: 127\\.0\\.0\\.1:${port} is already in use$`),
        );
      } finally {
        server.close();
      }
    },
    60_000,
  );

  it('refuses a sqlite: path whose directory does not exist instead of creating it', async () => {
    expectOneLine(
      await run('all-in-one', { HOUSTON_DB_URL: `sqlite:${join(dir, 'no/such/dir/h.sqlite')}` }, dir),
      /^houston: HOUSTON_DB_URL: the directory .*no\/such\/dir does not exist$/,
    );
  }, 60_000);

  it('names HOUSTON_CONSUL_URL when the Consul agent cannot be reached, without the token', async () => {
    const { server, port } = await busyPort();
    server.close();
    expectOneLine(
      await run(
        'config-service',
        {
          HOUSTON_DB_URL: `sqlite:${join(dir, 'consul.sqlite')}`,
          HOUSTON_CONFIG_PORT: '0',
          HOUSTON_DISCOVERY: 'consul',
          HOUSTON_CONSUL_URL: `http://127.0.0.1:${port}`,
          HOUSTON_CONSUL_TOKEN: PASSWORD,
        },
        dir,
      ),
      new RegExp(
        `^config-service: HOUSTON_CONSUL_URL: cannot register with http://127\\.0\\.0\\.1:${port}: ` +
          'Consul PUT /v1/agent/service/register failed: .*ECONNREFUSED',
      ),
    );
  }, 60_000);
});

describe('a running server', () => {
  it('prints where its data really is', async () => {
    const houston = await startHoustonProcess();
    try {
      expect(houston.output()).toMatch(
        /Houston is running \(database: sqlite:\/.*houston\.sqlite, in-process discovery\)/,
      );
      expect(houston.output()).not.toContain('SQLite under ./data');
    } finally {
      await houston.stop();
    }
  }, 60_000);

  it('keeps serving, /ready 503, through HOUSTON_SHUTDOWN_DRAIN after SIGTERM, then closes', async () => {
    const houston = await startHoustonProcess({ HOUSTON_SHUTDOWN_DRAIN: '3s', HOUSTON_LOG_LEVEL: 'info' });
    const admin = houston.adminUrl;
    expect(
      (await call(admin, 'POST', '/apps', { appId: 'drain', name: 'D' }, { 'x-operator': 'me' })).status,
    ).toBe(201);
    const heldPoll = fetch(houston.configUrl + notificationsQuery('drain', -1)).then(
      (response) => response.status,
    );
    const exited = new Promise<number | null>((done) => houston.child.once('exit', (code) => done(code)));
    const signalled = Date.now();
    houston.child.kill('SIGTERM');

    let ready = 200;
    for (let attempt = 0; attempt < 40 && ready !== 503; attempt++) {
      ready = (await call(admin, 'GET', '/ready')).status;
      if (ready !== 503) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(ready).toBe(503);
    expect((await call(houston.configUrl, 'GET', '/ready')).status).toBe(503);
    // Still served during the drain: health, reads, writes and the held long poll.
    expect((await call(admin, 'GET', '/health')).status).toBe(200);
    expect(
      (await call(admin, 'POST', '/apps', { appId: 'late', name: 'L' }, { 'x-operator': 'me' })).status,
    ).toBe(201);
    expect(Date.now() - signalled).toBeLessThan(3_000);
    // The held poll is answered 304 at the close, after the drain.
    expect(await heldPoll).toBe(304);
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(3_000);
    expect(await exited).toBe(0);
    expect(await refusesConnections(admin)).toBe(true);
    await houston.stop();
  }, 60_000);

  // SIGTERM as `kill` and orchestrators send it; SIGINT as Ctrl-C in a terminal does.
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'npm start stops the server on %s to npm (the documented start command)',
    async (signal) => {
      const dir = mkdtempSync(join(tmpdir(), 'houston-npm-'));
      const npm = spawn('npm', ['start', '--silent'], {
        cwd: ROOT,
        env: {
          ...process.env,
          HOUSTON_DB_URL: `sqlite:${join(dir, 'h.sqlite')}`,
          HOUSTON_CONFIG_PORT: '0',
          HOUSTON_ADMIN_PORT: '0',
          HOUSTON_LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        let output = '';
        npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        const configUrl = await new Promise<string>((done, fail) => {
          const timer = setTimeout(() => fail(new Error(`npm start did not come up:\n${output}`)), 45_000);
          npm.stdout.on('data', () => {
            const found = /config-service \+ meta-server\s+(http:\/\/\S+)/.exec(output);
            if (found) {
              clearTimeout(timer);
              done(found[1]!);
            }
          });
        });
        expect((await call(configUrl, 'GET', '/health')).status).toBe(200);
        const exited = new Promise<number | null>((done) => npm.once('exit', (code) => done(code)));
        npm.kill(signal);
        await exited;
        // Nothing is left listening: the server itself stopped, not only npm.
        let refused = false;
        for (let attempt = 0; attempt < 300 && !refused; attempt++) {
          refused = await refusesConnections(configUrl);
          if (!refused) await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(refused).toBe(true);
      } finally {
        if (npm.exitCode === null) npm.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
      }
    },
    90_000,
  );
});
