import type { PortalClient, Answer } from './test-support/portal-client';
import { servedRoutes } from './test-support/served-routes';
import { startTwoEnvironmentPortal, type TwoEnvironmentPortal } from './test-support/two-environment-portal';
import type { TwoEnvironments } from './test-support/two-environments';

jest.setTimeout(90_000);

const NS = '/api/envs/PRO/apps/shop/clusters/default/namespaces/application';
const SECRETS = ['released-secret-4f1c', 'unreleased-secret-9b2e', 'gray-secret-77d0'];

/**
 * In a member-only environment, a signed-in user with no role on the app reads every GET route
 * the portal serves (walked from its controllers, so a new route is covered without a new line
 * here) and none of the answers holds a value: not items, branches, releases, diffs, history,
 * commits, review requests nor audit rows. A member reading the same routes sees the values, so
 * the grep looks where they are.
 */
describe('secrets stay secret in a member-only environment', () => {
  let fixture: TwoEnvironmentPortal;
  let environments: TwoEnvironments;
  let as: Record<string, PortalClient> = {};
  const fill: Record<string, string> = {
    env: 'PRO',
    appId: 'shop',
    cluster: 'default',
    namespace: 'application',
    key: 'password',
  };

  beforeAll(async () => {
    fixture = await startTwoEnvironmentPortal({
      houston: { HOUSTON_INSTANCE_FLUSH_INTERVAL: '100ms' },
      portal: { HOUSTON_PORTAL_MEMBER_ONLY_ENVS: 'PRO', HOUSTON_PORTAL_REVIEW_ENVS: 'PRO' },
      users: ['alice', 'ed', 'rel', 'nobody'],
    });
    ({ environments, as } = fixture);
    expect(
      (await as['admin'].post('/api/envs/PRO/apps', { appId: 'shop', name: 'Shop', ownerName: 'alice' }))
        .status,
    ).toBe(201);
    for (const [username, role] of [
      ['ed', 'ModifyNamespace'],
      ['rel', 'ReleaseNamespace'],
    ]) {
      expect(
        (await as['alice']!.post('/api/apps/shop/roles', { username, role, namespace: 'application' }))
          .status,
      ).toBe(201);
    }
    const [released, unreleased, gray] = SECRETS;
    expect((await as['ed']!.post(`${NS}/items`, { key: 'password', value: released })).status).toBe(201);
    const first = await as['ed']!.post(`${NS}/review-requests`, {});
    const approved = await as['rel']!.post(`${NS}/review-requests/${first.body.id}/approve`, {});
    expect(approved.status).toBe(200);
    fill['releaseId'] = String(approved.body.releaseId);
    expect((await as['ed']!.put(`${NS}/items/password`, { value: unreleased })).status).toBe(200);
    const pending = await as['ed']!.post(`${NS}/review-requests`, {});
    expect(pending.status).toBe(201);
    fill['id'] = String(pending.body.id);
    const branch = await as['ed']!.post(`${NS}/branches`, {});
    fill['branch'] = branch.body.branchName;
    expect(
      (await as['ed']!.put(`${NS}/branches/${fill['branch']}/items/password`, { value: gray })).status,
    ).toBe(200);
    expect((await as['rel']!.post(`${NS}/branches/${fill['branch']}/releases`, {})).status).toBe(201);
    await fetch(`${environments.pro.configUrl}/configs/shop/default/application?ip=10.9.8.7`);
  });
  afterAll(() => fixture?.stop());

  async function readEveryRoute(client: PortalClient): Promise<Array<{ route: string; answer: Answer }>> {
    const answers = [];
    for (const route of servedRoutes().filter((r) => r.startsWith('GET '))) {
      let path = route
        .slice(4)
        .replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(fill[name] ?? name));
      if (path.endsWith('/releases/compare'))
        path += `?baseReleaseId=0&toCompareReleaseId=${fill['releaseId']}`;
      if (path.endsWith('/audit') || path.endsWith('/review-requests')) path += '?size=200';
      if (path.endsWith('/search/items')) path += '?key=pass';
      answers.push({ route, answer: await client.get(path) });
    }
    return answers;
  }

  it('sends no value to a user without a role on the app, on any GET route', async () => {
    const answers = await readEveryRoute(as['nobody']!);
    expect(answers.length).toBeGreaterThan(30);
    for (const { route, answer } of answers) {
      const text = JSON.stringify(answer.body ?? '');
      for (const secret of SECRETS) {
        if (text.includes(secret)) throw new Error(`${route} (${answer.status}) sent ${secret}`);
      }
      expect(answer.status).toBeLessThan(500);
    }
    // The grep looked at real answers: items, review requests and the app's audit were served.
    const served = Object.fromEntries(answers.map(({ route, answer }) => [route, answer.status]));
    expect(served[`GET /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/items`]).toBe(200);
    expect(served['GET /api/review-requests/:id']).toBe(200);
    expect(served['GET /api/apps/:appId/audit']).toBe(200);
    expect(served['GET /api/search/items']).toBe(200);
  });

  it('sends the values to a member (so the grep above looks where they are)', async () => {
    const text = JSON.stringify((await readEveryRoute(as['ed']!)).map(({ answer }) => answer.body));
    for (const secret of SECRETS) expect(text).toContain(secret);
  });

  it('sends the values to an Open API consumer granted the app, as Apollo does, and nothing to one without', async () => {
    // Apollo hides member-only values from signed-in people and their personal tokens only; a
    // consumer's grants are its access control, so a granted consumer reads clear values there.
    const tokenFor = async (appId: string, grantedApp: string): Promise<string> => {
      const created = await as['admin']!.post('/api/consumers', { appId, name: appId, ownerName: 'alice' });
      expect(created.status).toBe(201);
      const grant = await as['admin']!.post(`/api/consumers/${created.body.id}/grants`, {
        appId: grantedApp,
      });
      expect(grant.status).toBe(201);
      return created.body.token as string;
    };
    const read = async (token: string) => {
      const response = await fetch(`${fixture.portal.url}/openapi/v1${NS.slice('/api'.length)}`, {
        headers: { Authorization: token },
      });
      return { status: response.status, text: await response.text() };
    };
    const granted = await read(await tokenFor('shop-reader', 'shop'));
    expect(granted.status).toBe(200);
    expect(granted.text).toContain(SECRETS[1]);
    const other = await read(await tokenFor('elsewhere-reader', 'elsewhere'));
    expect(other.status).toBe(403);
    for (const secret of SECRETS) expect(other.text).not.toContain(secret);
  });
});
