import { createHmac } from 'node:crypto';
import { AccessKeyLookup } from '@houston/config-service';
import type { RunningHouston } from '../all-in-one';
import { call, waitFor, type Answer } from './http-client';

const APP = 'observed-app';
const NS = `/apps/${APP}/clusters/default/namespaces/application`;
const PATH = `/configs/${APP}/default/application`;

function signedHeaders(secret: string, pathWithQuery: string): Record<string, string> {
  const timestamp = Date.now();
  const signature = createHmac('sha1', secret).update(`${timestamp}\n${pathWithQuery}`).digest('base64');
  return { authorization: `Apollo ${APP}:${signature}`, timestamp: String(timestamp) };
}

/**
 * Apollo 2.4's access key modes, at the config-service's default key refresh: FILTER refuses
 * unsigned requests, OBSERVER serves them, and each change reaches clients within about a second.
 */
export function accessKeyModesSuite(start: () => Promise<RunningHouston>): void {
  let houston: RunningHouston;
  const admin = (method: string, path: string) =>
    call(houston.adminUrl, method, path, undefined, { 'x-operator': 'sec' });
  const client = (headers: Record<string, string> = {}) =>
    call(houston.configUrl, 'GET', PATH, undefined, headers);
  /** Milliseconds until an unsigned read gets `status`, asking every 25 ms for at most 3 s. */
  const untilUnsignedReadIs = async (status: number): Promise<number> => {
    const started = Date.now();
    let last: Answer | undefined;
    while (Date.now() - started < 3_000) {
      last = await client();
      if (last.status === status) return Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`an unsigned read was still ${last?.status}, not ${status}, after 3 s`);
  };

  let filterKey: { id: number; secret: string };
  let observerKey: { id: number; secret: string };

  beforeAll(async () => {
    houston = await start();
    await call(houston.adminUrl, 'POST', '/apps', { appId: APP, name: 'Observed' }, { 'x-operator': 'sec' });
    await call(houston.adminUrl, 'POST', `${NS}/items`, { key: 'k', value: 'v' }, { 'x-operator': 'sec' });
    await call(houston.adminUrl, 'POST', `${NS}/releases`, {}, { 'x-operator': 'sec' });
    filterKey = (await admin('POST', `/apps/${APP}/accesskeys`)).body;
    observerKey = (await admin('POST', `/apps/${APP}/accesskeys`)).body;
    expect((await client()).status).toBe(200); // the app's keys are now cached, all disabled
  });
  afterAll(async () => houston?.close());

  it('refuses a mode other than 0 or 1', async () => {
    const answer = await admin('PUT', `/apps/${APP}/accesskeys/${observerKey.id}/enable?mode=2`);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'mode' } });
  });

  it('OBSERVER: unsigned and wrongly signed requests are served, and the mode is shown', async () => {
    const enabled = await admin('PUT', `/apps/${APP}/accesskeys/${observerKey.id}/enable?mode=1`);
    expect(enabled.status).toBe(200);
    expect(enabled.body).toMatchObject({ isEnabled: true, mode: 1 });
    expect(
      (await admin('GET', `/apps/${APP}/accesskeys`)).body.map((key: { mode: number }) => key.mode),
    ).toEqual([0, 1]);
    // Until the config-service has read the key as OBSERVER (each read re-reads stale keys).
    const keys = houston.servers[0]!.app.get(AccessKeyLookup);
    await waitFor('the config-service to hold the OBSERVER key', async () => {
      await client();
      return keys.cachedKeys(APP)?.observer.includes(observerKey.secret) ?? false;
    });
    expect((await client()).status).toBe(200);
    expect((await client(signedHeaders('0'.repeat(32), PATH))).status).toBe(200);
    expect((await client(signedHeaders(observerKey.secret, PATH))).status).toBe(200);
  });

  it('FILTER (the default mode) refuses within about a second, and an OBSERVER secret does not open it', async () => {
    expect((await admin('PUT', `/apps/${APP}/accesskeys/${filterKey.id}/enable`)).body.mode).toBe(0);
    expect(await untilUnsignedReadIs(401)).toBeLessThan(1_500);
    expect((await client(signedHeaders(observerKey.secret, PATH))).status).toBe(401);
    expect((await client(signedHeaders(filterKey.secret, PATH))).status).toBe(200);
  });

  it('switching the FILTER key to OBSERVER serves unsigned requests again within about a second', async () => {
    expect((await admin('PUT', `/apps/${APP}/accesskeys/${filterKey.id}/enable?mode=1`)).body.mode).toBe(1);
    expect(await untilUnsignedReadIs(200)).toBeLessThan(1_500);
  });

  it('back to FILTER, then disabled: each change within about a second', async () => {
    expect((await admin('PUT', `/apps/${APP}/accesskeys/${filterKey.id}/enable?mode=0`)).body.mode).toBe(0);
    expect(await untilUnsignedReadIs(401)).toBeLessThan(1_500);
    expect((await admin('PUT', `/apps/${APP}/accesskeys/${filterKey.id}/disable`)).body).toMatchObject({
      isEnabled: false,
      mode: 0,
    });
    expect(await untilUnsignedReadIs(200)).toBeLessThan(1_500);
  });
}
