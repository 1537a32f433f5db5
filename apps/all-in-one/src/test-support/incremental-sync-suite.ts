import { applyConfigAnswer } from '@houston/client';
import type { RunningHouston } from '../all-in-one';
import { call } from './http-client';

const APP = 'delta-app';
const NS = `/apps/${APP}/clusters/default/namespaces/application`;
const CONFIGS = `/configs/${APP}/default/application`;

/**
 * Apollo 2.5's incremental sync, switched on per app: a client that applies each answer to the
 * map it holds (as apollo-java 2.4 does) always ends up with exactly the full configuration.
 */
export function incrementalSyncSuite(start: () => Promise<RunningHouston>): void {
  let houston: RunningHouston;
  const admin = (method: string, path: string, body?: unknown) =>
    call(houston.adminUrl, method, path, body, { 'x-operator': 'delta' });
  const full = async () => (await call(houston.configUrl, 'GET', CONFIGS)).body;
  /** Reads with `releaseKey` as its baseline and applies the answer to `held`. */
  const sync = async (held: { releaseKey: string; map: Record<string, string> }) => {
    const answer = await call(
      houston.configUrl,
      'GET',
      `${CONFIGS}?releaseKey=${encodeURIComponent(held.releaseKey)}`,
    );
    if (answer.status === 304) return { ...held, type: 'NotModified', changes: [] };
    expect(answer.status).toBe(200);
    return {
      releaseKey: answer.body.releaseKey as string,
      map: applyConfigAnswer(held.map, answer.body),
      type: (answer.body.configSyncType as string | undefined) ?? 'full',
      changes: answer.body.configurationChanges,
      hasConfigurations: 'configurations' in answer.body,
    };
  };
  const publish = async (configText: string) => {
    expect((await admin('PUT', `${NS}/items`, { configText })).status).toBe(200);
    const released = await admin('POST', `${NS}/releases`, { releaseTitle: 'r' });
    expect(released.status).toBe(201);
    return released.body as { id: number; releaseKey: string };
  };
  /** The app switch is cached briefly by config-service: wait until an answer shows it. */
  const untilType = async (held: { releaseKey: string; map: Record<string, string> }, type: string) => {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const synced = await sync(held);
      if (synced.type === type || Date.now() > deadline) return synced;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  let r1: { id: number; releaseKey: string };
  beforeAll(async () => {
    houston = await start();
    expect((await admin('POST', '/apps', { appId: APP, name: 'Delta' })).body.incrementalSync).toBe(false);
    r1 = await publish('a = 1\nb = 2\nkeep = same\n');
  });
  afterAll(async () => houston?.close());

  it('is off by default: a client behind gets the full configuration', async () => {
    await publish('a = 1\nb = 2\nkeep = same\nextra = x\n');
    const synced = await sync({ releaseKey: r1.releaseKey, map: { a: '1', b: '2', keep: 'same' } });
    expect(synced.type).toBe('full');
    expect(synced.map).toEqual((await full()).configurations);
  });

  it('switched on for the app, answers with added, modified and deleted keys only', async () => {
    const switched = await admin('PUT', `/apps/${APP}`, { incrementalSync: true });
    expect(switched.status).toBe(200);
    expect(switched.body.incrementalSync).toBe(true);
    expect((await admin('GET', `/apps/${APP}`)).body.incrementalSync).toBe(true);

    const held = { releaseKey: (await full()).releaseKey, map: (await full()).configurations };
    await publish('a = 10\nkeep = same\nc = 3\nextra = x\n');
    const synced = await untilType(held, 'IncrementalSync');
    expect(synced.type).toBe('IncrementalSync');
    expect(synced.hasConfigurations).toBe(false);
    expect(synced.changes).toEqual([
      { key: 'c', newValue: '3', configurationChangeType: 'ADDED' },
      { key: 'a', newValue: '10', configurationChangeType: 'MODIFIED' },
      { key: 'b', configurationChangeType: 'DELETED' },
    ]);
    const current = await full();
    expect(synced.map).toEqual(current.configurations);
    expect(synced.releaseKey).toBe(current.releaseKey);
    // Current: 304 as before; from two releases back: the changes add up.
    expect((await sync(synced)).type).toBe('NotModified');
    const fromFirst = await sync({ releaseKey: r1.releaseKey, map: { a: '1', b: '2', keep: 'same' } });
    expect(fromFirst.type).toBe('IncrementalSync');
    expect(fromFirst.map).toEqual(current.configurations);
  });

  it('a release that changes nothing is an empty change list', async () => {
    const held = { releaseKey: (await full()).releaseKey, map: (await full()).configurations };
    expect((await admin('POST', `${NS}/releases`, { releaseTitle: 'same again' })).status).toBe(201);
    const synced = await sync(held);
    expect(synced).toMatchObject({ type: 'IncrementalSync', changes: [] });
    expect(synced.map).toEqual(held.map);
    expect(synced.releaseKey).toBe((await full()).releaseKey);
  });

  it('from a release a rollback abandoned, the changes back to the active one', async () => {
    const before = await full();
    const abandoned = await publish('a = 99\nkeep = same\n');
    expect((await admin('PUT', `/releases/${abandoned.id}/rollback`)).status).toBe(200);
    const synced = await sync({ releaseKey: abandoned.releaseKey, map: { a: '99', keep: 'same' } });
    expect(synced.type).toBe('IncrementalSync');
    expect(synced.map).toEqual(before.configurations);
    expect(synced.releaseKey).toBe(before.releaseKey);
  });

  it.each([
    ['an unknown release key', () => '20200101000000-0123456789abcdef'],
    ['a merged key', () => `${r1.releaseKey}+20200101000000-0123456789abcdef`],
  ])('falls back to the full configuration for %s', async (_, baseline) => {
    const synced = await sync({ releaseKey: baseline(), map: { stale: 'yes' } });
    expect(synced.type).toBe('full');
    expect(synced.hasConfigurations).toBe(true);
    expect(synced.map).toEqual((await full()).configurations);
  });

  it("falls back to the full configuration for another app's release key", async () => {
    await admin('POST', '/apps', { appId: 'other-app', name: 'Other' });
    const other = await admin('POST', '/apps/other-app/clusters/default/namespaces/application/releases', {});
    const synced = await sync({ releaseKey: other.body.releaseKey, map: {} });
    expect(synced.type).toBe('full');
    expect(synced.map).toEqual((await full()).configurations);
  });

  it('is described in the served OpenAPI document', async () => {
    const doc = (await call(houston.adminUrl, 'GET', '/openapi.json')).body;
    expect(doc.components.schemas.AppDto.properties.incrementalSync).toMatchObject({ type: 'boolean' });
    expect(doc.components.schemas.UpdateAppDto.properties.incrementalSync).toMatchObject({ type: 'boolean' });
  });

  it('switched off again, answers in full', async () => {
    expect((await admin('PUT', `/apps/${APP}`, { incrementalSync: false })).body.incrementalSync).toBe(false);
    const synced = await untilType({ releaseKey: r1.releaseKey, map: {} }, 'full');
    expect(synced.type).toBe('full');
    expect(synced.map).toEqual((await full()).configurations);
  });
}
