import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServerProcess, type ServerProcess } from '@houston/testing';
import { call, waitFor } from './http-client';

export interface SharedDatabase {
  url: string;
  drop(): Promise<void>;
}

const TICKING = { HOUSTON_ROLLOUT_MIN_BAKE_TIME: '0s' };

interface RolloutView {
  status: string;
  stepIndex: number;
  events: Array<{ kind: string; stepIndex: number }>;
}

/**
 * Rollouts across admin-service processes on one database: a rollout outlives the admin-service
 * that was moving it (killed mid-plan, another one finishes it, no step lost or repeated), and two
 * admin-services ticking at once apply every step exactly once, ask a plan's HTTP check once
 * per tick between them, and run each step's release checks (its validation webhooks) once.
 */
export function rolloutDurabilitySuite(open: () => Promise<SharedDatabase>): void {
  let database: SharedDatabase;
  const running: ServerProcess[] = [];
  // Webhook secrets are stored encrypted: every admin-service holds the same key.
  const secretKeys = `k1:${randomBytes(32).toString('base64')}`;
  const adminService = async (tick: string) => {
    const server = await startServerProcess(
      'admin-service',
      {
        ...TICKING,
        HOUSTON_DB_URL: database.url,
        HOUSTON_DB_POOL_SIZE: '4',
        HOUSTON_ROLLOUT_TICK: tick,
        HOUSTON_SECRET_KEYS: secretKeys,
      },
      60_000,
    );
    running.push(server);
    return server;
  };
  const admin = (server: ServerProcess, method: string, path: string, body?: unknown) =>
    call(server.url, method, path, body, { 'x-operator': 'ops' });

  async function prepare(server: ServerProcess, app: string): Promise<string> {
    const ns = `/apps/${app}/clusters/default/namespaces/application`;
    expect((await admin(server, 'POST', '/apps', { appId: app, name: app })).status).toBe(201);
    await admin(server, 'PUT', `${ns}/items`, { configText: 'level = 1\n' });
    expect((await admin(server, 'POST', `${ns}/releases`, { releaseTitle: 'v1' })).status).toBe(201);
    await admin(server, 'PUT', `${ns}/items/level`, { value: '2' });
    return ns;
  }

  async function operations(server: ServerProcess, ns: string): Promise<number[]> {
    const page = await admin(server, 'GET', `${ns}/releases/histories?page=0&size=100`);
    return page.body.content.map((row: { operation: number }) => row.operation).reverse();
  }

  beforeAll(async () => {
    database = await open();
  }, 60_000);
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.stop()));
  });
  afterAll(async () => database?.drop());

  it('finishes a rollout after the admin-service moving it is killed mid-plan, without losing or repeating a step', async () => {
    const first = await adminService('100ms');
    const ns = await prepare(first, 'durable');
    const started = await admin(first, 'POST', `${ns}/rollouts`, {
      steps: [
        { percentage: 10, bakeTime: '1s' },
        { percentage: 30, bakeTime: '1s' },
        { percentage: 60, bakeTime: '1s' },
        { percentage: 100 },
      ],
    });
    expect(started.status).toBe(201);
    const path = `${ns}/rollouts/${started.body.id}`;
    await waitFor(
      'the first automatic step',
      async () => (await admin(first, 'GET', path)).body.stepIndex >= 1,
      20_000,
    );
    first.child.kill('SIGKILL');
    await new Promise((exited) => first.child.once('exit', exited));

    const second = await adminService('100ms');
    const before: RolloutView = (await admin(second, 'GET', path)).body;
    expect(before.status).toBe('running');
    await waitFor(
      'the rollout to complete',
      async () => (await admin(second, 'GET', path)).body.status === 'completed',
      30_000,
    );
    const done: RolloutView = (await admin(second, 'GET', path)).body;
    expect(done.events.map((event) => `${event.kind}@${event.stepIndex}`)).toEqual([
      'started@0',
      'advanced@1',
      'advanced@2',
      'completed@3',
    ]);
    // release, gray release, a rule per step below 100 %, merge, branch deleted after merge
    expect(await operations(second, ns)).toEqual([0, 2, 3, 3, 3, 4, 8]);
    expect((await admin(second, 'GET', `${ns}/releases/latest`)).body.configurations).toEqual({ level: '2' });
  }, 180_000);

  it('applies every step once when two admin-services tick at the same time', async () => {
    const [one, two] = [await adminService('50ms'), await adminService('50ms')];
    const apps = ['race-a', 'race-b', 'race-c'];
    const namespaces = await Promise.all(apps.map((app, index) => prepare(index % 2 ? two : one, app)));
    const ids = await Promise.all(
      namespaces.map(async (ns, index) => {
        const started = await admin(index % 2 ? one : two, 'POST', `${ns}/rollouts`, {
          steps: [
            { percentage: 5, bakeTime: '0s' },
            { percentage: 10, bakeTime: '0s' },
            { percentage: 20, bakeTime: '0s' },
            { percentage: 40, bakeTime: '0s' },
            { percentage: 100 },
          ],
        });
        expect(started.status).toBe(201);
        return started.body.id as number;
      }),
    );
    for (const [index, ns] of namespaces.entries()) {
      const path = `${ns}/rollouts/${ids[index]}`;
      await waitFor(
        `${apps[index]} to complete`,
        async () => (await admin(one, 'GET', path)).body.status === 'completed',
        30_000,
      );
      const done: RolloutView = (await admin(two, 'GET', path)).body;
      expect(done.events.map((event) => `${event.kind}@${event.stepIndex}`)).toEqual([
        'started@0',
        'advanced@1',
        'advanced@2',
        'advanced@3',
        'completed@4',
      ]);
      expect(await operations(one, ns)).toEqual([0, 2, 3, 3, 3, 3, 4, 8]);
    }
  }, 180_000);

  it('asks the HTTP check once per tick between two admin-services, which both use its verdict', async () => {
    const arrivals: number[] = [];
    const check = createServer((_request, response) => {
      arrivals.push(Date.now());
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"verdict":"pass"}');
    });
    await new Promise<void>((listening) => check.listen(0, '127.0.0.1', listening));
    try {
      const TICK = 200;
      const [one, two] = [await adminService(`${TICK}ms`), await adminService(`${TICK}ms`)];
      const ns = await prepare(one, 'checked-once');
      const started = await admin(two, 'POST', `${ns}/rollouts`, {
        // A bake time no test waits for: the check is asked every tick while the step bakes.
        steps: [{ percentage: 10, bakeTime: '1h' }, { percentage: 100 }],
        gates: { checkUrl: `http://127.0.0.1:${(check.address() as AddressInfo).port}/verdict` },
      });
      expect(started.status).toBe(201);
      const CALLS = 30;
      await waitFor(`${CALLS} checks`, () => arrivals.length >= CALLS, 60_000);
      const calls = arrivals.slice(0, CALLS);
      // Each call is claimed at least a tick after the one before; arrivals may drift by the
      // latency of the claim and the request, allowed generously here (a second in all). Two
      // admin-services each asking at every tick would make twice as many calls in the span.
      const span = calls.at(-1)! - calls[0]!;
      expect(CALLS - 1).toBeLessThanOrEqual((span + 1000) / TICK);
      // Both read the verdict the claiming one recorded.
      for (const server of [one, two]) {
        const view = (await admin(server, 'GET', `${ns}/rollouts/${started.body.id}`)).body;
        expect(view).toMatchObject({ status: 'running', stepIndex: 0 });
        expect(view.health.check).toMatchObject({ healthy: true, reason: 'verdict pass' });
      }
    } finally {
      await new Promise((closed) => check.close(closed));
    }
  }, 180_000);

  it('asks the validation webhooks once per step between two admin-services, however long they take', async () => {
    const asked: string[] = [];
    const hook = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        const { rollout } = JSON.parse(text) as { rollout?: { step: number; percentage: number } };
        asked.push(rollout ? `${rollout.step}@${rollout.percentage}%` : 'release');
        // Longer than several ticks: the other admin-service ticks while the hook is asked.
        setTimeout(
          () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"allow":true}'),
          400,
        );
      });
    });
    await new Promise<void>((listening) => hook.listen(0, '127.0.0.1', listening));
    try {
      const [one, two] = [await adminService('50ms'), await adminService('50ms')];
      const ns = await prepare(one, 'hooked-once');
      const registered = await admin(one, 'POST', '/apps/hooked-once/release-webhooks', {
        url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/validate`,
        secret: 'a-hook-secret-of-some-length',
        timeoutMs: 5000,
      });
      expect(registered.status).toBe(201);
      const started = await admin(two, 'POST', `${ns}/rollouts`, {
        steps: [
          { percentage: 10, bakeTime: '0s' },
          { percentage: 30, bakeTime: '0s' },
          { percentage: 60, bakeTime: '0s' },
          { percentage: 100 },
        ],
      });
      expect(started.status).toBe(201);
      const path = `${ns}/rollouts/${started.body.id}`;
      await waitFor(
        'the rollout to complete',
        async () => (await admin(one, 'GET', path)).body.status === 'completed',
        60_000,
      );
      const done: RolloutView = (await admin(two, 'GET', path)).body;
      expect(done.events.map((event) => `${event.kind}@${event.stepIndex}`)).toEqual([
        'started@0',
        'advanced@1',
        'advanced@2',
        'completed@3',
      ]);
      // The start, each step and the merge: each asked once, by one admin-service.
      expect(asked).toEqual(['0@10%', '1@30%', '2@60%', expect.stringMatching(/@100%$/)]);
    } finally {
      await new Promise((closed) => hook.close(closed));
    }
  }, 180_000);
}
