import { adminAuth, TEST_ADMIN_TOKEN } from '@houston/testing';
import { startAdminTestServer, type AdminTestServer } from './test-support/admin-test-server';

describe('the admin-service takes calls with a service token only', () => {
  let server: AdminTestServer;
  beforeAll(async () => {
    server = await startAdminTestServer({ accessTokens: ['an-older-token-still-valid', TEST_ADMIN_TOKEN] });
  });
  afterAll(async () => server?.close());

  const status = async (path: string, headers: Record<string, string> = {}, method = 'GET', body?: unknown) =>
    (
      await fetch(server.url + path, {
        method,
        headers: {
          'x-operator': 'mallory',
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    ).status;

  it('refuses reads and writes without a token or with a wrong one, and changes nothing', async () => {
    expect(await status('/apps')).toBe(401);
    expect(await status('/apps', { authorization: 'Bearer not-a-token-of-this-service' })).toBe(401);
    expect(await status('/apps', { authorization: `Bearer ${TEST_ADMIN_TOKEN}x` })).toBe(401);
    expect(await status('/apps', {}, 'POST', { appId: 'stolen', name: 'Stolen' })).toBe(401);
    expect(await status('/apps/stolen/accesskeys', {}, 'POST', {})).toBe(401);
    const body = await (await fetch(`${server.url}/apps`)).json();
    expect(body).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    expect(await status('/apps/stolen', adminAuth())).toBe(404);
  });

  it('accepts every configured token, as Bearer or bare (Apollo style), so one can be rotated', async () => {
    expect(await status('/apps', adminAuth())).toBe(200);
    expect(await status('/apps', { authorization: TEST_ADMIN_TOKEN })).toBe(200);
    expect(await status('/apps', { authorization: 'Bearer an-older-token-still-valid' })).toBe(200);
  });

  it('refuses everything when no token is configured', async () => {
    const closed = await startAdminTestServer({ accessTokens: [] });
    try {
      const answer = await fetch(`${closed.url}/apps`, { headers: adminAuth() });
      expect(answer.status).toBe(401);
    } finally {
      await closed.close();
    }
  });
});
