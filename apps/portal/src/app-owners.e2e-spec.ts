import { TEST_ADMIN_TOKEN } from '@houston/testing';
import { PortalConsumerEntity, PortalUserEntity } from './persistence/portal-entities';
import { PortalClient } from './test-support/portal-client';
import { startPortalTestServer, TEST_ADMIN, type PortalTestServer } from './test-support/portal-test-server';
import { startTwoEnvironments, type TwoEnvironments } from './test-support/two-environments';

const password = (name: string) => `${name}-long-password`;

describe('app owners and deleting the people who own apps', () => {
  let environments: TwoEnvironments;
  let portal: PortalTestServer;
  let admin: PortalClient;
  const as: Record<string, PortalClient> = {};
  let deployBot: number;

  beforeAll(async () => {
    environments = await startTwoEnvironments();
    portal = await startPortalTestServer({
      HOUSTON_PORTAL_ENVS: `DEV=${environments.dev.configUrl};PRO=${environments.pro.configUrl}`,
    });
    admin = await PortalClient.signedIn(portal.url, TEST_ADMIN.username, TEST_ADMIN.password);
    for (const name of ['alice', 'bob']) {
      expect((await admin.post('/api/users', { username: name, password: password(name) })).status).toBe(201);
      as[name] = await PortalClient.signedIn(portal.url, name, password(name));
    }
    for (const [env, appId] of [
      ['DEV', 'shop'],
      ['PRO', 'shop'],
      ['DEV', 'billing'],
    ] as const) {
      const made = await admin.post(`/api/envs/${env}/apps`, { appId, name: appId, ownerName: 'alice' });
      expect(made.status).toBe(201);
    }
    const consumer = await admin.post('/api/consumers', {
      appId: 'deploy-bot',
      name: 'Deploy',
      ownerName: 'Alice',
    });
    expect(consumer.status).toBe(201);
    deployBot = consumer.body.id as number;
    // A row kept as it was written before owner names were normalized: still alice's.
    const consumers = portal.database.manager.getRepository(PortalConsumerEntity);
    await consumers.save(
      consumers.create({ appId: 'legacy-bot', name: 'Legacy', ownerName: 'ALICE', createdBy: 'admin' }),
    );
  }, 120_000);
  afterAll(async () => {
    await portal?.close();
    await environments?.stop();
  });

  const ownerIn = async (env: string, appId: string) =>
    ((await admin.get(`/api/envs/${env}/apps/${appId}`)).body as { ownerName: string }).ownerName;

  it('refuses to delete someone who still owns apps, naming them, and keeps the account as it was', async () => {
    const refused = await admin.delete('/api/users/Alice');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'CONFLICT',
      message:
        'alice still owns 2 apps: billing, shop; 2 Open API consumers: deploy-bot, legacy-bot; ' +
        'transfer their ownership to someone else first (PUT /api/apps/{appId}/owner, PUT /api/consumers/{id}/owner)',
      details: {
        username: 'alice',
        ownedApps: ['billing', 'shop'],
        ownedAppCount: 2,
        ownedConsumers: ['deploy-bot', 'legacy-bot'],
        ownedConsumerCount: 2,
      },
    });
    expect((await as['alice']!.get('/api/session')).status).toBe(200);
    expect((await as['alice']!.get('/api/apps/shop/permissions')).body).toMatchObject({ isMaster: true });
  });

  it('lets an app master hand the app to another enabled user in every environment, who becomes a master', async () => {
    expect((await as['bob']!.put('/api/apps/shop/owner', { ownerName: 'bob' })).status).toBe(403);
    const unknown = await as['alice']!.put('/api/apps/shop/owner', { ownerName: 'nobody' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe('nobody is not an enabled portal user');
    expect((await as['alice']!.put('/api/apps/shop/owner', { ownerName: 'not a name!' })).status).toBe(400);
    expect((await as['alice']!.put('/api/apps/shop/owner', {})).status).toBe(400);

    const moved = await as['alice']!.put('/api/apps/shop/owner', { ownerName: 'Bob' });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({
      appId: 'shop',
      ownerName: 'bob',
      environments: ['DEV', 'PRO'],
      unreachable: [],
    });
    expect(await ownerIn('DEV', 'shop')).toBe('bob');
    expect(await ownerIn('PRO', 'shop')).toBe('bob');
    expect((await as['bob']!.get('/api/apps/shop/permissions')).body).toMatchObject({ isMaster: true });
    // Again: nothing changes, and the grant is not doubled.
    expect((await admin.put('/api/apps/shop/owner', { ownerName: 'bob' })).status).toBe(200);
    const masters = (
      (await admin.get('/api/apps/shop/roles')).body as Array<{ username: string; role: string }>
    )
      .filter((grant) => grant.role === 'Master')
      .map((grant) => grant.username)
      .sort();
    expect(masters).toEqual(['alice', 'bob']);

    expect((await admin.put('/api/apps/nothing-here/owner', { ownerName: 'bob' })).status).toBe(404);
  });

  it('deletes the account once its apps and Open API consumers have other owners', async () => {
    const one = await admin.delete('/api/users/alice');
    expect(one.status).toBe(409);
    expect(one.body.message).toMatch(/^alice still owns the app: billing; 2 Open API consumers: /);
    expect(one.body.details).toEqual({
      username: 'alice',
      ownedApps: ['billing'],
      ownedAppCount: 1,
      ownedConsumers: ['deploy-bot', 'legacy-bot'],
      ownedConsumerCount: 2,
    });

    expect((await admin.put('/api/apps/billing/owner', { ownerName: 'bob' })).status).toBe(200);
    const consumersLeft = await admin.delete('/api/users/alice');
    expect(consumersLeft.status).toBe(409);
    expect(consumersLeft.body.message).toBe(
      'alice still owns 2 Open API consumers: deploy-bot, legacy-bot; transfer their ownership to someone else first (PUT /api/consumers/{id}/owner)',
    );
    expect(consumersLeft.body.details).toMatchObject({
      ownedApps: [],
      ownedAppCount: 0,
      ownedConsumerCount: 2,
    });
    expect((await as['alice']!.get('/api/session')).status).toBe(200);
  });

  it('lets a super administrator hand an Open API consumer to another enabled user', async () => {
    expect((await as['bob']!.put(`/api/consumers/${deployBot}/owner`, { ownerName: 'bob' })).status).toBe(
      403,
    );
    const unknown = await admin.put(`/api/consumers/${deployBot}/owner`, { ownerName: 'nobody' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe('nobody is not an enabled portal user');
    expect((await admin.post('/api/users', { username: 'dora', password: password('dora') })).status).toBe(
      201,
    );
    await portal.database.manager
      .getRepository(PortalUserEntity)
      .update({ username: 'dora' }, { isEnabled: false });
    const disabled = await admin.put(`/api/consumers/${deployBot}/owner`, { ownerName: 'dora' });
    expect(disabled.status).toBe(400);
    expect(disabled.body.message).toBe('dora is not an enabled portal user');
    expect((await admin.put(`/api/consumers/${deployBot}/owner`, { ownerName: 'not a name!' })).status).toBe(
      400,
    );
    expect(
      (await admin.put(`/api/consumers/${deployBot}/owner`, { ownerName: 'bob', ownerEmail: 'no' })).status,
    ).toBe(400);
    expect((await admin.put(`/api/consumers/${deployBot}/owner`, {})).status).toBe(400);
    expect((await admin.put('/api/consumers/999999/owner', { ownerName: 'bob' })).status).toBe(404);

    const moved = await admin.put(`/api/consumers/${deployBot}/owner`, {
      ownerName: 'Bob',
      ownerEmail: 'bob@example.com',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      id: deployBot,
      appId: 'deploy-bot',
      ownerName: 'bob',
      ownerEmail: 'bob@example.com',
    });
    const listed = (await admin.get('/api/consumers')).body as Array<{ appId: string; ownerName: string }>;
    expect(listed.find((consumer) => consumer.appId === 'deploy-bot')).toMatchObject({
      ownerName: 'bob',
      ownerEmail: 'bob@example.com',
    });
    const audit = await admin.get(`/api/audit?username=${TEST_ADMIN.username}&action=transferOwner&size=500`);
    expect(audit.body.content).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          method: 'PUT',
          route: '/api/consumers/:consumerId/owner',
          entity: `owner ${deployBot}`,
          status: 200,
          after: expect.objectContaining({ appId: 'deploy-bot', ownerName: 'bob' }),
        }),
      ]),
    );

    const legacy = listed.find((consumer) => consumer.appId === 'legacy-bot') as unknown as { id: number };
    expect((await admin.put(`/api/consumers/${legacy.id}/owner`, { ownerName: 'bob' })).status).toBe(200);
    expect((await admin.delete('/api/users/alice')).status).toBe(204);
    expect((await as['alice']!.get('/api/session')).status).toBe(401);
    expect(await ownerIn('DEV', 'billing')).toBe('bob');
  });

  it('counts an app as owned when the admin-service holds the owner in another case or padded', async () => {
    expect((await admin.post('/api/users', { username: 'erin', password: password('erin') })).status).toBe(
      201,
    );
    // Written straight to the admin-service, as a trusted tool may, without the portal's normalizing.
    const made = await fetch(`${environments.dev.adminUrl}/apps`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
        'content-type': 'application/json',
        'x-operator': 'tool',
      },
      body: JSON.stringify({ appId: 'tools', name: 'Tools', ownerName: ' Erin ' }),
    });
    expect(made.status).toBe(201);
    const refused = await admin.delete('/api/users/erin');
    expect(refused.status).toBe(409);
    expect(refused.body.details).toMatchObject({ username: 'erin', ownedApps: ['tools'], ownedAppCount: 1 });
    expect((await admin.put('/api/apps/tools/owner', { ownerName: 'bob' })).status).toBe(200);
    expect((await admin.delete('/api/users/erin')).status).toBe(204);
  });

  it('refuses to delete anyone while an environment cannot say whose its apps are', async () => {
    const withOff = await startPortalTestServer({
      HOUSTON_PORTAL_ENVS: `DEV=${environments.dev.configUrl};OFF=${environments.refusedUrl}`,
    });
    try {
      const root = await PortalClient.signedIn(withOff.url, TEST_ADMIN.username, TEST_ADMIN.password);
      expect((await root.post('/api/users', { username: 'carol', password: password('carol') })).status).toBe(
        201,
      );
      const refused = await root.delete('/api/users/carol');
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ code: 'UNAVAILABLE', details: { env: 'OFF' } });
      expect((await root.get('/api/users')).body.map((u: { username: string }) => u.username)).toContain(
        'carol',
      );
    } finally {
      await withOff.close();
    }
  });
});
