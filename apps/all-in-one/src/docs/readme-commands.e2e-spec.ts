import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { probeRealServices, REAL_SERVICES_REQUIRED } from '@houston/testing';
import { createConnection } from 'mysql2/promise';
import { startAllInOne, type RunningHouston } from '../all-in-one';
import { runnableShellBlocks, type ShellBlock } from './readme-blocks';

const run = promisify(execFile);
const root = join(__dirname, '../../../..');

/**
 * The READMEs whose command blocks a reader runs against `npm start`; every ```sh block in them
 * runs here, in order, unless marked ```sh no-run.
 */
const READMES = ['README.md', 'examples/nestjs-app/README.md', 'apps/cli/README.md', 'apps/portal/README.md'];

/**
 * READMEs whose runnable blocks need no server: they check files of the repository offline
 * (`kubectl kustomize`, `docker-compose config`) and run from its root. Their other blocks need a
 * Docker engine or a cluster and are marked no-run, saying so.
 */
const OFFLINE_READMES = ['deploy/README.md', 'docker/README.md'];

/**
 * Runs the blocks as one bash script; a failure names the block it stopped in. The script leads
 * its own process group: whatever it started and left running when it failed or timed out gets
 * SIGTERM (the servers drain and exit), so no server outlives the test.
 */
async function runBlocks(
  readme: string,
  blocks: ShellBlock[],
  addresses: Array<[string, string]>,
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<void> {
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
  const running = run('bash', ['-c', script], {
    cwd: options.cwd,
    env: options.env,
    timeout: options.timeoutMs ?? 120_000,
    maxBuffer: 16 * 1024 * 1024,
    detached: true,
  } as Parameters<typeof execFile>[2]);
  try {
    await running;
  } catch (error) {
    try {
      process.kill(-running.child.pid!, 'SIGTERM');
    } catch {
      // nothing of the script is left
    }
    const { stdout, stderr, code, signal } = error as {
      stdout?: string;
      stderr?: string;
      code?: number;
      signal?: string;
    };
    const failedAt = (stderr ?? '').match(/--- (\S+)\n(?![\s\S]*--- )/)?.[1] ?? 'an unknown block';
    throw new Error(
      `a command of the block at ${failedAt} failed (exit ${code}${signal ? `, ${signal}` : ''}):\n${(stderr ?? '').slice(-3000)}\n--- stdout:\n${(stdout ?? '').slice(-3000)}`,
    );
  }
}

/** Every README of the repository (not node_modules, not dist). */
function allReadmes(dir = '', found: string[] = []): string[] {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!['node_modules', 'dist', 'data', 'tmp'].includes(entry.name) && !entry.name.startsWith('.'))
        allReadmes(path, found);
    } else if (entry.name === 'README.md') found.push(path);
  }
  return found;
}

describe('README command blocks', () => {
  it('every README with a runnable shell block is one this suite runs', () => {
    const withBlocks = allReadmes()
      .filter((readme) => runnableShellBlocks(readFileSync(join(root, readme), 'utf8')).length > 0)
      .sort();
    expect(withBlocks).toEqual([...READMES, ...OFFLINE_READMES].sort());
  });
});

describe.each(OFFLINE_READMES)('the offline command blocks of %s', (readme) => {
  it('all run and succeed, from the repository root', async () => {
    const blocks = runnableShellBlocks(readFileSync(join(root, readme), 'utf8'));
    expect(blocks.filter((block) => block.realServices)).toEqual([]);
    expect(blocks.length).toBeGreaterThan(0);
    await runBlocks(readme, blocks, [], { cwd: root, env: process.env });
  }, 180_000);
});

/**
 * Every shell block of each README runs against a fresh `npm start` process (port 0, a scratch
 * data directory as the working directory, so `data/admin-token` is there), with the documented
 * addresses replaced by the real ones. curl fails on an HTTP error here, so a command the server
 * refuses fails the test. `houston` is installed as a command (the repository's bin) pointing at
 * this admin-service.
 */
describe.each(READMES)('the command blocks of %s', (readme) => {
  let dir: string;
  let houston: RunningHouston;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'houston-readme-'));
    mkdirSync(join(dir, 'data'));
    mkdirSync(join(dir, 'bin'));
    writeFileSync(
      join(dir, 'bin', 'houston'),
      `#!/bin/sh\nexec node '${join(root, 'scripts/houston.mjs')}' "$@"\n`,
    );
    chmodSync(join(dir, 'bin', 'houston'), 0o755);
    // The READMEs run from the repository root: `npm run houston` and `npx houston` work there.
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({
        name: 'readme-run',
        private: true,
        bin: { houston: 'bin/houston' },
        scripts: { houston: 'houston' },
      }),
    );
    houston = await startAllInOne({
      HOUSTON_DB_URL: `sqlite:${join(dir, 'data', 'houston.sqlite')}`,
      HOUSTON_PORTAL_DB_URL: `sqlite:${join(dir, 'data', 'portal.sqlite')}`,
      HOUSTON_PORTAL_ADMIN_PASSWORD: 'choose-a-long-one',
      HOUSTON_CONFIG_PORT: '0',
      HOUSTON_ADMIN_PORT: '0',
      HOUSTON_PORTAL_PORT: '0',
      HOUSTON_ADMIN_TOKENS: '',
      HOUSTON_LOG_LEVEL: 'error',
      // No master key named: the blocks with webhooks and secrets run on the one `npm start` makes.
    });
  });

  afterAll(async () => {
    await houston?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('all run and succeed, in order', async () => {
    const blocks = runnableShellBlocks(readFileSync(join(root, readme), 'utf8')).filter(
      (block) => !block.realServices,
    );
    expect(blocks.length).toBeGreaterThan(0);
    const addresses: Array<[string, string]> = [
      ['http://127.0.0.1:8090', houston.adminUrl],
      ['http://127.0.0.1:8080', houston.configUrl],
      ['http://127.0.0.1:8070', houston.portalUrl!],
      ['/tmp/portal.cookies', join(dir, 'portal.cookies')],
      ['/tmp/demo.zip', join(dir, 'demo.zip')],
    ];
    await runBlocks(readme, blocks, addresses, {
      cwd: dir,
      env: {
        ...process.env,
        PATH: `${join(dir, 'bin')}:${process.env['PATH']}`,
        HOUSTON_ADMIN_URL: houston.adminUrl,
      },
    });
  }, 180_000);
});

/** A port nothing listens on now (the kernel's choice), for a server a README block starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The addresses the real-services blocks document: MariaDB as root without a password, Redis. */
const README_MYSQL = 'mysql://root@127.0.0.1:3306';
const README_REDIS = 'redis://127.0.0.1:6379';

/**
 * The blocks marked ```sh real-services start their own servers (`npm run start:…`) on the real
 * MariaDB and Redis, from the repository root. They run here in order as one script, with each
 * documented server address replaced by a free port and the walk-through's database by a scratch
 * one, dropped afterwards. Without MariaDB or Redis they are skipped with a message, unless
 * HOUSTON_REQUIRE_REAL_SERVICES=1 (CI), where that fails.
 */
describe.each(
  READMES.filter((readme) =>
    runnableShellBlocks(readFileSync(join(root, readme), 'utf8')).some((block) => block.realServices),
  ),
)('the blocks of %s that run their own servers on MariaDB and Redis', (readme) => {
  it('all run and succeed, in order, and leave nothing running', async () => {
    const { problems } = await probeRealServices(`${README_MYSQL}/`, README_REDIS);
    if (problems.length > 0) {
      if (REAL_SERVICES_REQUIRED)
        throw new Error(`HOUSTON_REQUIRE_REAL_SERVICES=1 but: ${problems.join('; ')}`);
      process.stderr.write(`[houston] ${readme}'s real-services blocks skipped: ${problems.join('; ')}\n`);
      return;
    }
    const blocks = runnableShellBlocks(readFileSync(join(root, readme), 'utf8')).filter(
      (block) => block.realServices,
    );
    const database = `houston_readme_${randomBytes(4).toString('hex')}`;
    const ports = { admin: 0, configA: 0, configB: 0, meta: 0 };
    for (const name of Object.keys(ports) as Array<keyof typeof ports>) ports[name] = await freePort();
    const addresses: Array<[string, string]> = [
      ['http://127.0.0.1:8090', `http://127.0.0.1:${ports.admin}`],
      ['http://127.0.0.1:8080', `http://127.0.0.1:${ports.configA}`],
      ['http://127.0.0.1:8081', `http://127.0.0.1:${ports.configB}`],
      ['http://127.0.0.1:8060', `http://127.0.0.1:${ports.meta}`],
      ['houston_real', database],
    ];
    try {
      // Four servers start one after the other, each `npm run start:…` building first.
      await runBlocks(readme, blocks, addresses, { cwd: root, env: process.env, timeoutMs: 180_000 });
      for (const port of Object.values(ports)) {
        await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
      }
    } finally {
      const connection = await createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
      await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await connection.end();
    }
  }, 240_000);
});
