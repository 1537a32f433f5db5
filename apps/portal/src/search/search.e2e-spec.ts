import { PortalClient } from '../test-support/portal-client';
import type { PortalTestServer } from '../test-support/portal-test-server';
import { startTwoEnvironmentPortal, type TwoEnvironmentPortal } from '../test-support/two-environment-portal';

// Two environments start as processes of their own: slow on a busy machine.
jest.setTimeout(180_000);

const ns = (env: string, appId: string) =>
  `/api/envs/${env}/apps/${appId}/clusters/default/namespaces/application`;

interface Hit {
  env: string;
  appId: string;
  key: string;
  value?: string;
  valueHidden: boolean;
}

describe('global search across apps and environments, over HTTP', () => {
  let fixture: TwoEnvironmentPortal;
  let portal: PortalTestServer;
  let as: Record<string, PortalClient> = {};
  const search = (who: string, query: Record<string, string>) =>
    as[who]!.get(`/api/search/items?${new URLSearchParams(query)}`);
  const rows = (hits: Hit[]) =>
    hits.map((hit) => `${hit.env} ${hit.appId} ${hit.key}=${hit.valueHidden ? '(hidden)' : hit.value}`);

  beforeAll(async () => {
    fixture = await startTwoEnvironmentPortal({
      portal: { HOUSTON_PORTAL_ENV_TIMEOUT: '2s', HOUSTON_PORTAL_MEMBER_ONLY_ENVS: 'PRO' },
      users: ['member', 'nobody'],
      apps: [{ appId: 'shop' }, { appId: 'billing' }],
    });
    ({ portal, as } = fixture);
    const text = (env: string, appId: string, configText: string) =>
      as['admin']!.put(`${ns(env, appId)}/items`, { configText });
    expect((await text('DEV', 'shop', 'db.url = jdbc:dev-host\ntimeout = 100')).status).toBe(200);
    expect((await text('PRO', 'shop', 'db.url = jdbc:pro-host-7f3a\ntimeout = 300')).status).toBe(200);
    expect((await text('PRO', 'billing', 'db.url = jdbc:billing-pro-host')).status).toBe(200);
    // member holds a role on shop, not on billing.
    const grant = { username: 'member', role: 'ModifyNamespace', namespace: 'application' };
    expect((await as['admin'].post('/api/apps/shop/roles', grant)).status).toBe(201);
  });
  afterAll(() => fixture?.stop());

  it('finds a key in every environment, with values only where the person may see them, and names the one that does not answer', async () => {
    const answer = await search('nobody', { key: 'db.' });
    expect(answer.status).toBe(200);
    expect(rows(answer.body.items).sort()).toEqual([
      'DEV shop db.url=jdbc:dev-host',
      'PRO billing db.url=(hidden)',
      'PRO shop db.url=(hidden)',
    ]);
    expect(JSON.stringify(answer.body)).not.toContain('pro-host');
    for (const hit of answer.body.items as Hit[])
      if (hit.valueHidden) expect(hit).not.toHaveProperty('value');
    expect(answer.body.envs).toEqual([
      { env: 'DEV', status: 'ok', truncated: false },
      { env: 'PRO', status: 'ok', truncated: false },
      { env: 'OFF', status: 'unreachable', truncated: false, reason: expect.any(String) },
    ]);

    const member = await search('member', { key: 'db.' });
    expect(rows(member.body.items).sort()).toEqual([
      'DEV shop db.url=jdbc:dev-host',
      'PRO billing db.url=(hidden)',
      'PRO shop db.url=jdbc:pro-host-7f3a',
    ]);
    const admin = await search('admin', { key: 'db.' });
    expect(rows(admin.body.items).sort()).toEqual([
      'DEV shop db.url=jdbc:dev-host',
      'PRO billing db.url=jdbc:billing-pro-host',
      'PRO shop db.url=jdbc:pro-host-7f3a',
    ]);
  });

  it('never finds a namespace by a value the person may not see, not even its key', async () => {
    expect((await search('nobody', { value: 'pro-host' })).body.items).toEqual([]);
    expect(rows((await search('nobody', { value: 'host' })).body.items)).toEqual([
      'DEV shop db.url=jdbc:dev-host',
    ]);
    expect(rows((await search('member', { value: 'pro-host' })).body.items)).toEqual([
      'PRO shop db.url=jdbc:pro-host-7f3a',
    ]);
    expect(rows((await search('member', { key: 'timeout', value: '3' })).body.items)).toEqual([
      'PRO shop timeout=300',
    ]);
  });

  it('refuses a search for nothing and a criterion past its length, and a request without a session', async () => {
    const empty = await search('nobody', { key: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'key' } });
    expect((await search('nobody', { value: 'v'.repeat(257) })).status).toBe(400);
    expect((await new PortalClient(portal.url).get('/api/search/items?key=db')).status).toBe(401);
  });
});
