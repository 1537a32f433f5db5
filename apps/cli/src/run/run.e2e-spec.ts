import { startHoustonProcess, TEST_ADMIN_TOKEN, type HoustonProcess } from '@houston/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../cli';

const CLI = resolve(__dirname, '../../../../dist/apps/cli/src/main.js');

// The program houston runs: records each start with the config it saw, stays up, and records a stop.
const PROGRAM = `
const fs = require('fs');
fs.appendFileSync('events.log', 'start ' + process.pid + ' ' + fs.readFileSync('out/app.conf', 'utf8').trim() + '\\n');
process.on('SIGTERM', () => { fs.appendFileSync('events.log', 'stop ' + process.pid + '\\n'); process.exit(0); });
setInterval(() => {}, 1000);
`;

async function waitFor<T>(
  probe: () => T | null | undefined | false,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `houston run` as a user runs it: the built command in its own process. */
describe('houston run against a real server', () => {
  let server: HoustonProcess;
  let dir: string;
  let agent: ChildProcess | undefined;
  let agentLog = '';

  const admin = async (...argv: string[]) => {
    let stderr = '';
    const code = await main([...argv, '--admin-url', server.adminUrl], {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text) },
      env: { HOUSTON_OPERATOR: 'ci', HOUSTON_ADMIN_TOKEN: TEST_ADMIN_TOKEN },
    });
    if (code !== 0) throw new Error(`houston ${argv.join(' ')} exited ${code}: ${stderr}`);
  };
  const publish = async (greeting: string) => {
    await admin('items', 'set', 'greeting', greeting, '--app', 'web');
    await admin('release', '--app', 'web');
  };
  const events = () =>
    existsSync(join(dir, 'events.log')) ? readFileSync(join(dir, 'events.log'), 'utf8') : '';
  const startAgent = (...options: string[]) => {
    agentLog = '';
    const child = spawn(
      process.execPath,
      [CLI, 'run', '--app', 'web', '--config-url', server.configUrl, '--debounce', '200ms', ...options],
      { cwd: dir, stdio: ['ignore', 'inherit', 'pipe'] },
    );
    child.stderr!.on('data', (chunk: Buffer) => (agentLog += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    agent = child;
    return exited;
  };

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`node scripts/build.mjs\` first`);
    server = await startHoustonProcess({ HOUSTON_LONG_POLL_TIMEOUT: '5s', HOUSTON_SCAN_INTERVAL: '200ms' });
    await admin('apps', 'create', 'web');
    await publish('hello');
  }, 30_000);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'houston-run-'));
    writeFileSync(join(dir, 'app.conf.njk'), 'greeting={{ config.application.greeting }}\n');
    writeFileSync(join(dir, 'program.cjs'), PROGRAM);
  });

  afterEach(() => {
    if (agent && agent.exitCode === null) agent.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('renders, starts the program, restarts it on a release, and keeps it when a release fails the check', async () => {
    const exited = startAgent(
      '--template',
      'app.conf.njk:out/app.conf',
      '--check',
      'grep -q "^greeting=[a-z]*$" "$HOUSTON_RENDERED_DIR/app.conf"',
      '--',
      process.execPath,
      'program.cjs',
    );
    const firstPid = Number(
      (await waitFor(() => /start (\d+) greeting=hello/.exec(events()), 'the first start'))[1],
    );
    expect(readFileSync(join(dir, 'out/app.conf'), 'utf8')).toBe('greeting=hello\n');

    await publish('world');
    const secondPid = Number(
      (await waitFor(() => /start (\d+) greeting=world/.exec(events()), 'the restart'))[1],
    );
    expect(events()).toContain(`stop ${firstPid}\n`);
    expect(secondPid).not.toBe(firstPid);
    expect(agentLog).toContain('configuration changed: application: greeting (modified)');
    expect(agentLog).toContain(`restarting node (pid ${firstPid})`);

    await publish('NOT VALID');
    await waitFor(() => agentLog.includes('kept the previous files'), 'the refused release');
    expect(agentLog).toMatch(/check failed \(exit 1\)/);
    expect(readFileSync(join(dir, 'out/app.conf'), 'utf8')).toBe('greeting=world\n');
    expect(alive(secondPid)).toBe(true);
    expect(events().match(/start/g)).toHaveLength(2);

    agent!.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(events()).toContain(`stop ${secondPid}\n`);
    expect(agentLog).toContain('received SIGTERM');
  }, 40_000);

  it('signals instead of restarting with --on-change signal:SIGHUP', async () => {
    await publish('hello');
    const program = PROGRAM + "process.on('SIGHUP', () => fs.appendFileSync('events.log', 'hup\\n'));\n";
    writeFileSync(join(dir, 'program.cjs'), program);
    const exited = startAgent(
      '-t',
      'app.conf.njk:out/app.conf',
      '--on-change',
      'signal:SIGHUP',
      '--',
      'node',
      'program.cjs',
    );
    await waitFor(() => events().includes('greeting=hello'), 'the start');
    await publish('again');
    await waitFor(() => events().includes('hup'), 'the SIGHUP');
    expect(readFileSync(join(dir, 'out/app.conf'), 'utf8')).toBe('greeting=again\n');
    expect(events().match(/start/g)).toHaveLength(1);
    agent!.kill('SIGINT');
    expect(await exited).toBe(130);
  }, 30_000);

  it('exits with the code of a program that ends on its own', async () => {
    const exited = startAgent('--', process.execPath, '-e', 'process.exit(7)');
    expect(await exited).toBe(7);
  });

  it('with --on-check-fail exit, never starts the program when the first check fails', async () => {
    const exited = startAgent(
      '-t',
      'app.conf.njk:out/app.conf',
      '--check',
      'echo "config rejected" >&2; exit 3',
      '--on-check-fail',
      'exit',
      '--',
      process.execPath,
      'program.cjs',
    );
    expect(await exited).toBe(1);
    expect(events()).toBe('');
    expect(existsSync(join(dir, 'out/app.conf'))).toBe(false);
    expect(agentLog).toContain('check failed (exit 3): config rejected');
  });

  it('exits 3 when the configuration cannot be loaded', async () => {
    agentLog = '';
    const child = spawn(
      process.execPath,
      [CLI, 'run', '--app', 'web', '--config-url', 'http://127.0.0.1:9', '--', 'true'],
      {
        cwd: dir,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    agent = child;
    child.stderr!.on('data', (chunk: Buffer) => (agentLog += chunk.toString()));
    expect(await new Promise((done) => child.once('exit', done))).toBe(3);
    expect(agentLog).toContain('cannot load the configuration of web');
  }, 30_000);
});
