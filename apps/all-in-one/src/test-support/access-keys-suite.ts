import { createHmac } from 'node:crypto';
import type { RunningHouston } from '../all-in-one';
import { heldPolls } from './held-polls';
import { call, notificationsQuery, waitFor } from './http-client';

const APP = 'secure-app';
const NS = `/apps/${APP}/clusters/default/namespaces/application`;

/** Signs as an Apollo client does, computed here independently of the server's code. */
function signedHeaders(
  secret: string,
  pathWithQuery: string,
  timestamp = Date.now(),
): Record<string, string> {
  const signature = createHmac('sha1', secret).update(`${timestamp}\n${pathWithQuery}`).digest('base64');
  return { authorization: `Apollo ${APP}:${signature}`, timestamp: String(timestamp) };
}

export function accessKeySuite(start: () => Promise<RunningHouston>): void {
  let houston: RunningHouston;
  const admin = (method: string, path: string, body?: unknown) =>
    call(houston.adminUrl, method, path, body, { 'x-operator': 'sec' });
  const client = (path: string, headers: Record<string, string> = {}) =>
    call(houston.configUrl, 'GET', path, undefined, headers);

  beforeAll(async () => {
    houston = await start();
    await admin('POST', '/apps', { appId: APP, name: 'Secure' });
    await admin('POST', `${NS}/items`, { key: 'token.ttl', value: '30' });
    await admin('POST', `${NS}/releases`, {});
  });
  afterAll(async () => houston?.close());

  let secret = '';
  let keyId = 0;

  it('shows a new secret once, masked afterwards, and keys start disabled', async () => {
    const created = await admin('POST', `/apps/${APP}/accesskeys`);
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^[0-9a-f]{32}$/);
    expect(created.body.isEnabled).toBe(false);
    secret = created.body.secret;
    keyId = created.body.id;
    const listed = await admin('GET', `/apps/${APP}/accesskeys`);
    expect(listed.body[0].secret).not.toBe(secret);
    expect(listed.body[0].secret.startsWith(secret.slice(0, 4))).toBe(true);
    expect((await client(`/configs/${APP}/default/application`)).status).toBe(200); // not enforced yet
  });

  it('requires a valid signature once a key is enabled, and reveals nothing to others', async () => {
    expect((await admin('PUT', `/apps/${APP}/accesskeys/${keyId}/enable`)).status).toBe(200);
    const path = `/configs/${APP}/default/application`;
    // Enabling reaches the config-service within HOUSTON_ACCESS_KEY_CACHE_TTL.
    await waitFor('the key to be enforced', async () => (await client(path)).status === 401);
    const unsigned = await client(path);
    expect(unsigned.status).toBe(401);
    expect(unsigned.text).not.toContain('token.ttl');
    expect((await client(path, signedHeaders('0'.repeat(32), path))).status).toBe(401);
    const skewed = await client(path, signedHeaders(secret, path, Date.now() - 120_000));
    expect(skewed.status).toBe(401);
    expect(skewed.body.message).toBe('RequestTimeTooSkewed');
    expect((await client(`${path}?ip=1.2.3.4`, signedHeaders(secret, path))).status).toBe(401); // signed another URL
    const signed = await client(path, signedHeaders(secret, path));
    expect(signed.status).toBe(200);
    expect(signed.body.configurations).toEqual({ 'token.ttl': '30' });
    expect((await client(`/configfiles/json/${APP}/default/application`)).status).toBe(401);
  });

  it('holds and wakes a signed long poll, and refuses an unsigned one', async () => {
    const first = notificationsQuery(APP, -1);
    expect((await client(first)).status).toBe(401);
    const current = (await client(first, signedHeaders(secret, first))).body[0].notificationId;
    const pollPath = notificationsQuery(APP, current);
    const held = client(pollPath, signedHeaders(secret, pollPath));
    // Held before the release, so it is the release that answers it.
    await waitFor('the long poll to be held', () => heldPolls(houston) === 1);
    await admin('PUT', `${NS}/items/token.ttl`, { value: '60' });
    await admin('POST', `${NS}/releases`, {});
    const woken = await held;
    expect(woken.status).toBe(200);
    expect(woken.body[0].notificationId).toBeGreaterThan(current);
  });

  it('keeps a key from being deleted while enabled, limits keys to five, and stops checking once disabled', async () => {
    expect((await admin('DELETE', `/apps/${APP}/accesskeys/${keyId}`)).status).toBe(409);
    for (let i = 0; i < 4; i++) expect((await admin('POST', `/apps/${APP}/accesskeys`)).status).toBe(201);
    expect((await admin('POST', `/apps/${APP}/accesskeys`)).status).toBe(409);
    expect((await admin('PUT', `/apps/${APP}/accesskeys/${keyId}/disable`)).status).toBe(200);
    await waitFor(
      'the key to stop being checked',
      async () => (await client(`/configs/${APP}/default/application`)).status === 200,
    );
    expect((await admin('DELETE', `/apps/${APP}/accesskeys/${keyId}`)).status).toBe(204);
  });
}
