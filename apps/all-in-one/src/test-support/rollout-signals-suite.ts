import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inPercentage, stickyBucket } from '@houston/domain';
import type { RunningHouston } from '../all-in-one';
import { call, waitFor } from './http-client';

const CLI = resolve(__dirname, '../../../../dist/apps/cli/src/main.js');

/**
 * The client-side signals of a rollout's gates, from real clients: instances that took the gray
 * release and then stopped reading (the silent-instance gate), and `houston run` reporting
 * `check_failed` when its `--check` refuses the gray release (the rejection gate).
 */
export function rolloutSignalsSuite(start: () => Promise<RunningHouston>): void {
  let houston: RunningHouston;
  const admin = (method: string, path: string, body?: unknown) =>
    call(houston.adminUrl, method, path, body, { 'x-operator': 'ops' });
  const ns = (app: string, cluster = 'default') => `/apps/${app}/clusters/${cluster}/namespaces/application`;
  const rollout = async (app: string, id: number) => (await admin('GET', `${ns(app)}/rollouts/${id}`)).body;
  const read = (app: string, ip: string) =>
    call(houston.configUrl, 'GET', `/configs/${app}/default/application?ip=${ip}`);

  async function prepare(app: string, first: string): Promise<void> {
    expect((await admin('POST', '/apps', { appId: app, name: app })).status).toBe(201);
    await admin('PUT', `${ns(app)}/items`, { configText: first });
    expect((await admin('POST', `${ns(app)}/releases`, { releaseTitle: 'v1' })).status).toBe(201);
  }

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`node scripts/build.mjs\` first`);
    houston = await start();
  }, 60_000);
  afterAll(async () => houston?.close());

  it('rolls back when an instance that took the gray release stops reading', async () => {
    const APP = 'quietshop';
    await prepare(APP, 'level = 1\n');
    await admin('PUT', `${ns(APP)}/items/level`, { value: '2' });
    const started = await admin('POST', `${ns(APP)}/rollouts`, {
      steps: [{ percentage: 50, bakeTime: '1h' }, { percentage: 100 }],
      // Above the second MySQL's datetime keeps of a sighting, so the steady one is never taken for silent.
      gates: { maxSilentInstances: 0, silentAfter: '3s' },
    });
    expect(started.status).toBe(201);
    const id = started.body.id as number;
    // Two instances inside the step's share: one keeps reading, the other reads once and goes quiet.
    const [steady, quiet] = Array.from({ length: 200 }, (_, i) => `10.40.0.${i + 1}`).filter((ip) =>
      inPercentage(stickyBucket(started.body.branchName, APP, ip), 50),
    );
    expect((await read(APP, quiet!)).body.configurations).toEqual({ level: '2' });
    expect((await read(APP, steady!)).body.configurations).toEqual({ level: '2' });
    let status = 'running';
    while (status === 'running') {
      await read(APP, steady!);
      status = (await rollout(APP, id)).status;
    }
    const stopped = await rollout(APP, id);
    expect(stopped.status).toBe('rolled_back');
    expect(stopped.reason).toBe(
      '1 instance(s) stopped reporting after taking the release (at most 0 allowed)',
    );
    expect(stopped.events.map((event: { kind: string }) => event.kind)).toEqual(['started', 'rolled_back']);
    for (const ip of [steady!, quiet!])
      expect((await read(APP, ip)).body.configurations).toEqual({ level: '1' });
  }, 60_000);

  describe('houston run', () => {
    let dir: string;
    let agent: ChildProcess | undefined;
    let agentLog = '';
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'houston-run-rollout-'));
      writeFileSync(join(dir, 'app.conf.njk'), 'greeting={{ config.application.greeting }}\n');
    });
    afterEach(() => {
      if (agent && agent.exitCode === null) agent.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });

    it('reports check_failed when its --check refuses the gray release, and the rollout rolls back', async () => {
      const APP = 'runshop';
      await prepare(APP, 'greeting = hello\n');
      agent = spawn(
        process.execPath,
        [
          CLI,
          'run',
          '--app',
          APP,
          '--config-url',
          houston.configUrl,
          '--debounce',
          '100ms',
          '-t',
          'app.conf.njk:out/app.conf',
          '--check',
          'grep -q "^greeting=[a-z]*$" "$HOUSTON_RENDERED_DIR/app.conf"',
          '--',
          process.execPath,
          '-e',
          'process.on("SIGTERM", () => process.exit(0)); setInterval(() => {}, 1000)',
        ],
        { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      agent.stderr!.on('data', (chunk: Buffer) => (agentLog += chunk.toString()));
      const exited = new Promise<number | null>((done) => agent!.once('exit', (code) => done(code)));
      const rendered = () =>
        existsSync(join(dir, 'out/app.conf')) ? readFileSync(join(dir, 'out/app.conf'), 'utf8') : '';
      await waitFor('the agent to render the main release', () => rendered() === 'greeting=hello\n', 30_000);

      // The address the agent reads from, as the config-service saw it: the share is chosen so that
      // the agent is inside it (the branch's name salts the buckets).
      let ip = '';
      await waitFor(
        'the agent to be seen',
        async () => {
          const seen = await admin('GET', `${ns(APP)}/instances?page=0&size=10`);
          ip = seen.body.content[0]?.ip ?? '';
          return ip !== '';
        },
        30_000,
      );
      let branchName = '';
      let bucket = 100;
      for (let attempt = 0; bucket >= 99 && attempt < 5; attempt++) {
        if (branchName) await admin('DELETE', `${ns(APP)}/branches/${branchName}`);
        branchName = (await admin('POST', `${ns(APP)}/branches`)).body.branchName;
        bucket = stickyBucket(branchName, APP, ip);
      }
      expect(bucket).toBeLessThan(99);
      await admin('PUT', `${ns(APP, branchName)}/items/greeting`, { value: 'NOT VALID' });
      const started = await admin('POST', `${ns(APP)}/rollouts`, {
        branchName,
        steps: [{ percentage: Math.floor(bucket) + 1, bakeTime: '1h' }, { percentage: 100 }],
        gates: { maxRejectedInstances: 0 },
      });
      expect(started.status).toBe(201);
      const id = started.body.id as number;

      await waitFor(
        'the rollout to roll back',
        async () => (await rollout(APP, id)).status === 'rolled_back',
        30_000,
      );
      const stopped = await rollout(APP, id);
      expect(stopped.reason).toBe('1 instance(s) rejected the release (at most 0 allowed)');
      expect(stopped.health.rejections).toEqual([
        expect.objectContaining({
          appId: APP,
          ip,
          status: 'check_failed',
          message: 'the --check command failed',
        }),
      ]);
      expect(agentLog).toMatch(/check failed/);
      // The program kept the files it had; the agent is back on the main release.
      expect(rendered()).toBe('greeting=hello\n');
      expect((await read(APP, ip)).body.configurations).toEqual({ greeting: 'hello' });
      // Stopped as a supervisor would: the agent stops its program and exits.
      agent.kill('SIGTERM');
      expect(await exited).toBe(0);
    }, 90_000);
  });
}
