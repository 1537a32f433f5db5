import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HoustonClient } from '@houston/client';
import type { RunningHouston } from '../all-in-one';
import { call, waitFor } from './http-client';
import { scrape, valueOf } from './scrape';

const APP = 'gateshop';
const NS = `/apps/${APP}/clusters/default/namespaces/application`;
const CLIENTS = 30;

/**
 * Rollouts moved by the admin-service's ticker, with real SDK clients: healthy clients take the
 * release step by step up to the merge; clients that refuse a release (their `validate` throws)
 * report it and the rollout rolls back by itself; a failing HTTP check pauses it.
 */
export function gatedRolloutSuite(start: () => Promise<RunningHouston>): void {
  let houston: RunningHouston;
  let check: Server;
  let checkHealthy = false;
  const clients: HoustonClient[] = [];
  const admin = (method: string, path: string, body?: unknown) =>
    call(houston.adminUrl, method, path, body, { 'x-operator': 'ops' });
  const rollout = async (id: number) => (await admin('GET', `${NS}/rollouts/${id}`)).body;
  const prices = () => clients.map((client) => client.getString('price'));

  beforeAll(async () => {
    houston = await start();
    await admin('POST', '/apps', { appId: APP, name: 'Gated shop' });
    await admin('PUT', `${NS}/items`, { configText: 'price = 10\n' });
    await admin('POST', `${NS}/releases`, { releaseTitle: 'v1' });
    for (let i = 0; i < CLIENTS; i++) {
      clients.push(
        await HoustonClient.create({
          appId: APP,
          configServiceUrl: houston.configUrl,
          ip: `10.30.0.${i + 1}`,
          reportDelayMs: 20,
          logger: { info: () => undefined, warn: () => undefined },
          validate: ({ configurations }) => {
            if (configurations['price'] === '13') throw new Error('price 13 is above the limit');
          },
        }),
      );
    }
    check = createServer((_request, response) => {
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ healthy: checkHealthy }));
    });
    await new Promise<void>((listening) => check.listen(0, '127.0.0.1', listening));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await new Promise((closed) => check?.close(closed));
    await houston?.close();
  });

  it('reaches 100 % by itself when every client takes the release', async () => {
    await admin('PUT', `${NS}/items/price`, { value: '12' });
    const started = await admin('POST', `${NS}/rollouts`, {
      releaseTitle: 'price 12',
      steps: [
        { percentage: 10, bakeTime: '300ms' },
        { percentage: 50, bakeTime: '300ms' },
        { percentage: 100 },
      ],
      gates: { maxRejectedInstances: 0 },
    });
    expect(started.status).toBe(201);
    await waitFor(
      'the rollout to complete',
      async () => (await rollout(started.body.id)).status === 'completed',
      30_000,
    );
    await waitFor('every client on price 12', () => prices().every((price) => price === '12'), 20_000);
    const done = await rollout(started.body.id);
    expect(
      done.events.map((event: { kind: string; operator: string }) => `${event.kind}:${event.operator}`),
    ).toEqual(['started:ops', 'advanced:rollout-ticker', 'completed:rollout-ticker']);
    expect((await admin('GET', `${NS}/releases/latest`)).body.configurations).toEqual({ price: '12' });
  });

  it('rolls back by itself when SDK clients report the release rejected', async () => {
    await admin('PUT', `${NS}/items/price`, { value: '13' });
    const started = await admin('POST', `${NS}/rollouts`, {
      releaseTitle: 'price 13',
      // A bake time no test waits for: only the gate can move this rollout.
      steps: [{ percentage: 50, bakeTime: '1h' }, { percentage: 100 }],
      gates: { maxRejectedInstances: 0 },
    });
    expect(started.status).toBe(201);
    await waitFor(
      'the rollout to roll back',
      async () => (await rollout(started.body.id)).status === 'rolled_back',
      30_000,
    );
    const stopped = await rollout(started.body.id);
    expect(stopped.reason).toMatch(/instance\(s\) rejected the release/);
    expect(stopped.health.rejectedInstances).toBeGreaterThan(0);
    expect(stopped.health.rejections[0]).toMatchObject({
      appId: APP,
      status: 'rejected',
      message: 'price 13 is above the limit',
    });
    expect(stopped.events.map((event: { kind: string }) => event.kind)).toEqual(['started', 'rolled_back']);
    // Nobody ever applied 13, and every client reads the main release again.
    expect(prices().every((price) => price === '12')).toBe(true);
    for (let i = 1; i <= CLIENTS; i++) {
      const read = await call(
        houston.configUrl,
        'GET',
        `/configs/${APP}/default/application?ip=10.30.0.${i}`,
      );
      expect(read.body.configurations.price).toBe('12');
    }
    const histories = await admin('GET', `${NS}/releases/histories?page=0&size=3`);
    expect(histories.body.content[0]).toMatchObject({ operation: 7 });
    expect(histories.body.content[0].operationContext).toMatchObject({
      rollout: { id: started.body.id },
    });
  });

  it('pauses when its HTTP check says unhealthy, and goes on once resumed and healthy', async () => {
    await admin('PUT', `${NS}/items/price`, { value: '14' });
    const url = `http://127.0.0.1:${(check.address() as AddressInfo).port}/verdict`;
    const started = await admin('POST', `${NS}/rollouts`, {
      steps: [{ percentage: 20, bakeTime: '200ms' }, { percentage: 100 }],
      gates: { checkUrl: url, checkTimeout: '1s' },
      onFailure: 'pause',
    });
    expect(started.status).toBe(201);
    await waitFor(
      'the rollout to pause',
      async () => (await rollout(started.body.id)).status === 'paused',
      30_000,
    );
    const paused = await rollout(started.body.id);
    expect(paused.reason).toBe('health check failed: healthy: false');
    expect(paused.events.map((event: { kind: string }) => event.kind)).toEqual(['started', 'gate_failed']);
    checkHealthy = true;
    expect((await admin('POST', `${NS}/rollouts/${started.body.id}/resume`, {})).body.status).toBe('running');
    await waitFor(
      'the rollout to complete',
      async () => (await rollout(started.body.id)).status === 'completed',
      30_000,
    );
    await waitFor('every client on price 14', () => prices().every((price) => price === '14'), 20_000);
  });

  it('counts on /metrics what the rollouts above did: states, steps, gate failures, rollbacks', async () => {
    await waitFor(
      'the rollouts gauge to take the last tick',
      async () => valueOf(await scrape(houston.adminUrl), 'houston_rollouts', { state: 'completed' }) === 2,
      10_000,
    );
    const metrics = await scrape(houston.adminUrl);
    expect(metrics.types.get('houston_rollouts')).toBe('gauge');
    expect(valueOf(metrics, 'houston_rollouts', { state: 'rolled_back' })).toBe(1);
    expect(valueOf(metrics, 'houston_rollouts', { state: 'running' })).toBe(0);
    // 10 % → 50 % in the first rollout; the others went from their first step straight to the merge.
    expect(valueOf(metrics, 'houston_rollout_steps_advanced_total')).toBe(1);
    expect(valueOf(metrics, 'houston_rollout_gate_failures_total', { gate: 'rejected_instances' })).toBe(1);
    expect(valueOf(metrics, 'houston_rollout_gate_failures_total', { gate: 'http_check' })).toBe(1);
    expect(valueOf(metrics, 'houston_rollout_gate_failures_total', { gate: 'silent_instances' })).toBe(0);
    expect(valueOf(metrics, 'houston_rollout_auto_rollbacks_total')).toBe(1);
  });
}
