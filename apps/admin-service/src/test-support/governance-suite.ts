import { adminAuth } from '@houston/testing';
import type { AdminTestServer } from './admin-test-server';

const APP = 'payments';
const NS = `/apps/${APP}/clusters/default/namespaces/application`;

export function governanceSuite(open: () => Promise<AdminTestServer>): void {
  let server: AdminTestServer;
  const as = async (operator: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(server.url + path, {
      method,
      headers: {
        ...adminAuth(),
        'x-operator': operator,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  beforeAll(async () => {
    server = await open();
    await as('admin', 'POST', '/apps', { appId: APP, name: 'Payments' });
  });
  afterAll(async () => server?.close());

  it('gives the namespace to its first editor and refuses others with 423 naming the holder', async () => {
    expect((await as('alice', 'POST', `${NS}/items`, { key: 'fee', value: '1' })).status).toBe(201);
    expect((await as('alice', 'PUT', `${NS}/items/fee`, { value: '2' })).status).toBe(200);
    const refused = await as('bob', 'POST', `${NS}/items`, { key: 'limit', value: '9' });
    expect(refused.status).toBe(423);
    expect(refused.body).toMatchObject({ code: 'LOCKED', details: { lockedBy: 'alice' } });
    expect(refused.body.message).toContain('alice');
    expect((await as('bob', 'PUT', `${NS}/items`, { configText: 'limit = 9' })).status).toBe(423);
    expect((await as('bob', 'GET', `${NS}/items/limit`)).status).toBe(404);
    expect((await as('bob', 'GET', `${NS}/lock`)).body).toMatchObject({
      isLocked: true,
      lockedBy: 'alice',
      lockEnabled: true,
    });
  });

  it('does not let an editor release their own changes, and keeps the lock when a release fails', async () => {
    const own = await as('alice', 'POST', `${NS}/releases`, { releaseTitle: 'mine' });
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('FORBIDDEN');
    expect(own.body.details.editors).toEqual(['alice']);
    expect((await as('bob', 'GET', `${NS}/lock`)).body.lockedBy).toBe('alice');
    expect((await as('bob', 'GET', `${NS}/releases/latest`)).status).toBe(404);
  });

  it('frees the lock when someone else releases', async () => {
    const released = await as('carol', 'POST', `${NS}/releases`, { releaseTitle: 'reviewed' });
    expect(released.status).toBe(201);
    expect(released.body.configurations).toEqual({ fee: '2' });
    expect((await as('bob', 'GET', `${NS}/lock`)).body.isLocked).toBe(false);
    expect((await as('bob', 'POST', `${NS}/items`, { key: 'limit', value: '9' })).status).toBe(201);
  });

  it('lets the holder revoke unreleased edits, which restores the release and frees the lock', async () => {
    expect((await as('bob', 'PUT', `${NS}/items/fee`, { value: '5' })).status).toBe(200);
    expect((await as('alice', 'PUT', `${NS}/revoke-items`)).status).toBe(423);
    const revoked = await as('bob', 'PUT', `${NS}/revoke-items`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ deleted: 1, updated: 1 });
    const items = (await as('bob', 'GET', `${NS}/items`)).body;
    expect(items.map((item: { key: string; value: string }) => [item.key, item.value])).toEqual([
      ['fee', '2'],
    ]);
    expect((await as('alice', 'GET', `${NS}/lock`)).body.isLocked).toBe(false);
    expect((await as('alice', 'GET', `${NS}/unreleased-changes`)).body.hasChanges).toBe(false);
  });
}
