import { PortalClient, type Answer } from './test-support/portal-client';
import { startPortalTestServer, TEST_ADMIN, type PortalTestServer } from './test-support/portal-test-server';
import { servedRoutes } from './test-support/served-routes';
import { startTwoEnvironments, type TwoEnvironments } from './test-support/two-environments';

jest.setTimeout(90_000);

const NS = '/api/envs/PRO/apps/shop/clusters/default/namespaces/application';
const SECRETS = ['released-secret-4f1c', 'unreleased-secret-9b2e', 'gray-secret-77d0'];
const password = (name: string) => `${name}-long-password`;

/**
 * In a member-only environment, a signed-in user with no role on the app reads every GET route
 * the portal serves (walked from its controllers, so a new route is covered without a new line
 * here) and none of the answers holds a value: not items, branches, releases, diffs, history,
 * commits, review requests nor audit rows. A member reading the same routes sees the values, so
 * the grep looks where they are.
 */
describe('secrets stay secret in a member-only environment', () => {
  let environments: TwoEnvironments;
  let portal: PortalTestServer;
  const as: Record<string, PortalClient> = {};
  const fill: Record<string, string> = {
    env: 'PRO',
    appId: 'shop',
    cluster: 'default',
    namespace: 'application',
    key: 'password',
  };

  beforeAll(async () => {
    environments = await startTwoEnvironments({ HOUSTON_INSTANCE_FLUSH_INTERVAL: '100ms' });
    portal = await startPortalTestServer({
      HOUSTON_PORTAL_ENVS: environments.portalEnvs,
      HOUSTON_PORTAL_ENV_TIMEOUT: '5s',
      HOUSTON_PORTAL_MEMBER_ONLY_ENVS: 'PRO',
      HOUSTON_PORTAL_REVIEW_ENVS: 'PRO',
    });
    as['admin'] = await PortalClient.signedIn(portal.url, TEST_ADMIN.username, TEST_ADMIN.password);
    for (const name of ['alice', 'ed', 'rel', 'nobody']) {
      expect(
        (await as['admin'].post('/api/users', { username: name, password: password(name) })).status,
      ).toBe(201);
      as[name] = await PortalClient.signedIn(portal.url, name, password(name));
    }
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
  afterAll(async () => {
    await portal?.close();
    await environments?.stop();
  });

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
});
