import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningHouston } from '../all-in-one';
import { call, waitFor } from './http-client';

const APP = 'checkedshop';
const NS = `/apps/${APP}/clusters/default/namespaces/application`;
const HOOK_SECRET = 'a-hook-secret-of-some-length';

interface HookCall {
  next: Record<string, string>;
  branchName?: string;
  rollout?: { id?: number; step: number; percentage: number };
}

/**
 * A rollout's own steps and its merge pass the release checks a hand-made gray release or merge
 * passes: the namespace's schema (which may change while the rollout runs) and its validation
 * webhooks. A failing check acts as a failed gate (the plan's onFailure, the reason in the
 * rollout's events); an operator's advance is refused as a release would be.
 */
export function rolloutChecksSuite(start: () => Promise<RunningHouston>): void {
  let houston: RunningHouston;
  let hook: Server;
  const calls: HookCall[] = [];
  /** What the hook answers: a veto message, or undefined to allow. */
  let veto: (call: HookCall) => string | undefined = () => undefined;
  const admin = (method: string, path: string, body?: unknown) =>
    call(houston.adminUrl, method, path, body, { 'x-operator': 'ops' });
  const rollout = async (id: number) => (await admin('GET', `${NS}/rollouts/${id}`)).body;
  const kinds = async (id: number) =>
    (await rollout(id)).events.map((event: { kind: string }) => event.kind) as string[];

  beforeAll(async () => {
    hook = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        const body = JSON.parse(text) as HookCall;
        calls.push(body);
        const message = veto(body);
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(message ? { allow: false, message } : { allow: true }));
      });
    });
    await new Promise<void>((listening) => hook.listen(0, '127.0.0.1', listening));
    houston = await start();
    await admin('POST', '/apps', { appId: APP, name: 'Checked shop' });
    await admin('PUT', `${NS}/items`, { configText: 'price = 10\n' });
    await admin('POST', `${NS}/releases`, { releaseTitle: 'v1' });
    const registered = await admin('POST', `/apps/${APP}/release-webhooks`, {
      url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/validate`,
      secret: HOOK_SECRET,
      timeoutMs: 2000,
    });
    expect(registered.status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await houston?.close();
    await new Promise((closed) => hook?.close(closed));
  });

  it('pauses at a step the webhook vetoes, and again at one a schema changed meanwhile refuses', async () => {
    await admin('PUT', `${NS}/items/price`, { value: '12' });
    veto = (body) => (body.rollout && body.rollout.step >= 1 ? 'not past the first step today' : undefined);
    const started = await admin('POST', `${NS}/rollouts`, {
      releaseTitle: 'price 12',
      steps: [
        { percentage: 10, bakeTime: '200ms' },
        { percentage: 50, bakeTime: '200ms' },
        { percentage: 100 },
      ],
      onFailure: 'pause',
    });
    expect(started.status).toBe(201);
    const id = started.body.id as number;
    // The start is a gray release: the hook was asked about it, as the rollout's first step.
    expect(calls.at(-1)).toMatchObject({ next: { price: '12' }, rollout: { step: 0, percentage: 10 } });

    await waitFor(
      'the vetoed step to pause the rollout',
      async () => (await rollout(id)).status === 'paused',
      30_000,
    );
    const vetoed = await rollout(id);
    expect(vetoed.stepIndex).toBe(0);
    expect(vetoed.reason).toMatch(
      /^release checks failed: the release was vetoed by webhook \d+: not past the first step today$/,
    );
    expect(await kinds(id)).toEqual(['started', 'gate_failed']);
    expect(calls.at(-1)).toMatchObject({
      next: { price: '12' },
      branchName: started.body.branchName,
      rollout: { id, step: 1, percentage: 50 },
    });

    // Allowed again, but the namespace's schema now caps the price below the rolled-out value.
    veto = () => undefined;
    const schema = await admin('PUT', `/apps/${APP}/appnamespaces/application/schema`, {
      schema: { type: 'object', properties: { price: { type: 'integer', maximum: 11 } } },
    });
    expect(schema.status).toBe(200);
    expect((await admin('POST', `${NS}/rollouts/${id}/resume`, {})).body.status).toBe('running');
    await waitFor(
      'the refused step to pause the rollout again',
      async () => (await rollout(id)).status === 'paused',
      30_000,
    );
    const refused = await rollout(id);
    expect(refused.stepIndex).toBe(0);
    expect(refused.reason).toMatch(
      /^release checks failed: .*does not match the namespace's schema \(version 1\): \$\.price must be <= 11$/,
    );
    expect(await kinds(id)).toEqual(['started', 'gate_failed', 'resumed', 'gate_failed']);
    // Every client but the first step's share still reads the main release.
    expect((await admin('GET', `${NS}/releases/latest`)).body.configurations).toEqual({ price: '10' });

    // The schema lifted, it goes all the way, the merge included.
    expect((await admin('DELETE', `/apps/${APP}/appnamespaces/application/schema`)).status).toBeLessThan(300);
    await admin('POST', `${NS}/rollouts/${id}/resume`, {});
    await waitFor('the rollout to complete', async () => (await rollout(id)).status === 'completed', 30_000);
    expect(calls.at(-1)).toMatchObject({ next: { price: '12' }, rollout: { id, percentage: 100 } });
    expect(calls.at(-1)!.branchName).toBeUndefined();
    expect((await admin('GET', `${NS}/releases/latest`)).body.configurations).toEqual({ price: '12' });
  });

  it('rolls back when the webhook vetoes the merge at 100 %', async () => {
    await admin('PUT', `${NS}/items/price`, { value: '13' });
    veto = (body) => (body.rollout?.percentage === 100 ? 'no merges on Fridays' : undefined);
    const started = await admin('POST', `${NS}/rollouts`, {
      steps: [{ percentage: 20, bakeTime: '200ms' }, { percentage: 100 }],
    });
    expect(started.status).toBe(201);
    const id = started.body.id as number;
    await waitFor(
      'the rollout to roll back',
      async () => (await rollout(id)).status === 'rolled_back',
      30_000,
    );
    const stopped = await rollout(id);
    expect(stopped.reason).toMatch(/vetoed by webhook \d+: no merges on Fridays$/);
    expect(await kinds(id)).toEqual(['started', 'rolled_back']);
    expect((await admin('GET', `${NS}/releases/latest`)).body.configurations).toEqual({ price: '12' });
    const histories = await admin('GET', `${NS}/releases/histories?page=0&size=1`);
    expect(histories.body.content[0]).toMatchObject({ operation: 7 });
    expect(histories.body.content[0].operationContext.rollout.reason).toMatch(/no merges on Fridays/);
  });

  it("refuses an operator's advance that fails the checks, as a release, and leaves the rollout", async () => {
    await admin('PUT', `${NS}/items/price`, { value: '14' });
    veto = () => undefined;
    const started = await admin('POST', `${NS}/rollouts`, {
      steps: [{ percentage: 20, bakeTime: '1h' }, { percentage: 100 }],
    });
    expect(started.status).toBe(201);
    const id = started.body.id as number;
    await admin('PUT', `/apps/${APP}/appnamespaces/application/schema`, {
      schema: { type: 'object', properties: { price: { type: 'integer', maximum: 13 } } },
    });
    const advanced = await admin('POST', `${NS}/rollouts/${id}/advance`, { reason: 'looks fine' });
    expect(advanced.status).toBe(422);
    expect(advanced.body.code).toBe('SCHEMA_VIOLATION');
    expect(await rollout(id)).toMatchObject({ status: 'running', stepIndex: 0 });
    expect((await admin('GET', `${NS}/releases/latest`)).body.configurations).toEqual({ price: '12' });
    // A start the checks refuse is refused the same way, and starts nothing (the abort took the
    // change away; it is made again before the schema is).
    expect((await admin('POST', `${NS}/rollouts/${id}/abort`, {})).body.status).toBe('aborted');
    await admin('DELETE', `/apps/${APP}/appnamespaces/application/schema`);
    await admin('PUT', `${NS}/items/price`, { value: '14' });
    await admin('PUT', `/apps/${APP}/appnamespaces/application/schema`, {
      schema: { type: 'object', properties: { price: { type: 'integer', maximum: 13 } } },
    });
    const refused = await admin('POST', `${NS}/rollouts`, {
      steps: [{ percentage: 20 }, { percentage: 100 }],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('SCHEMA_VIOLATION');
    expect(
      (await admin('GET', `${NS}/rollouts`)).body.filter(
        (row: { status: string }) => row.status === 'running',
      ),
    ).toEqual([]);
  });
}
