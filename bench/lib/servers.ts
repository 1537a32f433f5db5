import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './proc';
import { BENCH_ADMIN_TOKEN } from './admin-client';

/** The repository root (this file runs from dist/bench/lib). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const DIST_BENCH = join(ROOT, 'dist/bench');

export interface ServerProcess {
  name: string;
  pid: number;
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM, then waits for the exit (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

/** Below Linux's ephemeral range (32768–60999): thousands of client sockets in TIME_WAIT never take it. */
const SERVER_PORTS = { from: 20_000, to: 32_000 };

/**
 * A port nothing listens on, outside the ephemeral range: a port from the kernel (listen on 0)
 * can be taken as the local port of an outgoing connection before the server binds it, which
 * happens after a fan-out has churned through ten thousand of them.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = SERVER_PORTS.from + Math.floor(Math.random() * (SERVER_PORTS.to - SERVER_PORTS.from));
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port between ${SERVER_PORTS.from} and ${SERVER_PORTS.to}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

export interface SpawnSpec {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
  url: string;
  /** Polled until it answers 200. */
  readyPath: string;
  timeoutMs?: number;
}

/** Starts a server as its own process (so the load generator never shares its event loop) and waits until it is ready. */
export async function spawnServer(spec: SpawnSpec): Promise<ServerProcess> {
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd ?? ROOT,
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + (spec.timeoutMs ?? 30_000);
  for (;;) {
    if (gone) throw new Error(`${spec.name} exited before it was ready:\n${output}`);
    try {
      const response = await fetch(spec.url + spec.readyPath, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${spec.name} was not ready within ${spec.timeoutMs ?? 30_000} ms:\n${output}`);
    }
    await sleep(100);
  }
  return {
    name: spec.name,
    pid: child.pid!,
    url: spec.url,
    child,
    output: () => output,
    async stop(graceMs = 15_000) {
      if (gone) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface HoustonOptions {
  dbUrl: string;
  env?: Record<string, string>;
  /** Extra node flags for the process (e.g. --cpu-prof). */
  nodeArgs?: string[];
}

const APPS = {
  'config-service': {
    main: 'dist/apps/config-service/src/main.js',
    portVar: 'HOUSTON_CONFIG_PORT',
    // The bench is one client address holding thousands of polls: the per-address cap (1,000 by
    // default, there against one misbehaving client) would answer all but the first 1,000 with 429.
    env: { HOUSTON_MAX_HELD_POLLS_PER_CLIENT: '0' },
  },
  'admin-service': { main: 'dist/apps/admin-service/src/main.js', portVar: 'HOUSTON_ADMIN_PORT', env: {} },
} as const;

/**
 * One Houston server as a standalone process. config-service and admin-service run apart (not
 * all-in-one) so a release reaches the config-service only through the database, as in production.
 */
export async function startHouston(app: keyof typeof APPS, options: HoustonOptions): Promise<ServerProcess> {
  const main = join(ROOT, APPS[app].main);
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`node scripts/build.mjs\` first`);
  const port = await freePort();
  return spawnServer({
    name: app,
    command: process.execPath,
    args: [...(options.nodeArgs ?? []), main],
    env: {
      HOUSTON_DB_URL: options.dbUrl,
      [APPS[app].portVar]: String(port),
      HOUSTON_HOST: '127.0.0.1',
      HOUSTON_LOG_LEVEL: 'warn',
      HOUSTON_ADMIN_TOKENS: BENCH_ADMIN_TOKEN,
      ...APPS[app].env,
      ...options.env,
    },
    url: `http://127.0.0.1:${port}`,
    readyPath: '/ready',
  });
}

export interface HoustonPair {
  admin: ServerProcess;
  config: ServerProcess;
  dbUrl: string;
  stop(): Promise<void>;
}

/** admin-service then config-service on one fresh SQLite file (or the given database). */
export async function startHoustonPair(
  options: {
    dbUrl?: string;
    adminEnv?: Record<string, string>;
    configEnv?: Record<string, string>;
    configNodeArgs?: string[];
  } = {},
): Promise<HoustonPair> {
  const dir = mkdtempSync(join(tmpdir(), 'houston-bench-'));
  const dbUrl = options.dbUrl ?? `sqlite:${join(dir, 'h.sqlite')}`;
  const admin = await startHouston('admin-service', { dbUrl, env: options.adminEnv });
  let config: ServerProcess;
  try {
    config = await startHouston('config-service', {
      dbUrl,
      env: options.configEnv,
      nodeArgs: options.configNodeArgs,
    });
  } catch (error) {
    await admin.stop();
    throw error;
  }
  return {
    admin,
    config,
    dbUrl,
    async stop() {
      await Promise.all([config.stop(), admin.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
