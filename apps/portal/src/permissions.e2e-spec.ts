import { adminAuth } from '@houston/testing';
import { PortalClient } from './test-support/portal-client';
import { servedRoutes } from './test-support/served-routes';
import type { PortalTestServer } from './test-support/portal-test-server';
import {
  startTwoEnvironmentPortal,
  userPassword as password,
  type TwoEnvironmentPortal,
} from './test-support/two-environment-portal';
import type { TwoEnvironments } from './test-support/two-environments';

// Two environments start as processes of their own: slow on a busy machine.
jest.setTimeout(180_000);

const NS = '/api/envs/DEV/apps/shop/clusters/default/namespaces/application';
const PRO_NS = '/api/envs/PRO/apps/shop/clusters/default/namespaces/application';

/**
 * Every portal route, what it needs, and a request to it. `nobody` is signed in and holds no
 * role; the table must list exactly the routes the portal serves (checked below).
 */
type Needs =
  | 'public'
  | 'signed-in'
  | 'read'
  | 'read-values'
  | 'super-admin'
  | 'create-app'
  | 'master'
  | 'modify'
  | 'release'
  | 'request-release'
  | 'reveal';
/** Gray branches, release diffs, instances, revoking edits, associations and access keys. */
const NS_ROUTE = '/api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace';
const BRANCH = `${NS}/branches/application-gray`;
const APP_ROUTE = '/api/envs/:env/apps/:appId';
const APP = '/api/envs/DEV/apps/shop';
const TOOL_ROUTES: Array<{ route: string; needs: Needs; path: string; body?: unknown }> = [
  {
    route: `POST ${NS_ROUTE}/review-requests`,
    needs: 'request-release',
    path: `${NS}/review-requests`,
    body: {},
  },
  {
    route: `POST ${NS_ROUTE}/review-requests/:id/approve`,
    needs: 'release',
    path: `${NS}/review-requests/1/approve`,
    body: {},
  },
  {
    route: `POST ${NS_ROUTE}/review-requests/:id/reject`,
    needs: 'release',
    path: `${NS}/review-requests/1/reject`,
    body: { comment: 'no' },
  },
  {
    route: `POST ${NS_ROUTE}/review-requests/:id/withdraw`,
    needs: 'request-release',
    path: `${NS}/review-requests/1/withdraw`,
    body: {},
  },
  { route: 'GET /api/apps/:appId/audit', needs: 'read', path: '/api/apps/shop/audit' },
  { route: 'GET /api/review-requests', needs: 'signed-in', path: '/api/review-requests' },
  { route: 'GET /api/review-requests/badge', needs: 'signed-in', path: '/api/review-requests/badge' },
  { route: 'GET /api/review-requests/:id', needs: 'signed-in', path: '/api/review-requests/1' },
  {
    route: 'GET /api/envs/:env/apps/:appId/review-policy',
    needs: 'read',
    path: '/api/envs/DEV/apps/shop/review-policy',
  },
  {
    route: 'PUT /api/envs/:env/apps/:appId/review-policy',
    needs: 'master',
    path: '/api/envs/DEV/apps/shop/review-policy',
    body: { required: true },
  },
  { route: `GET ${NS_ROUTE}/branches`, needs: 'read', path: `${NS}/branches` },
  { route: `POST ${NS_ROUTE}/branches`, needs: 'modify', path: `${NS}/branches`, body: {} },
  { route: `GET ${NS_ROUTE}/branches/:branch/items`, needs: 'read', path: `${BRANCH}/items` },
  {
    route: `POST ${NS_ROUTE}/branches/:branch/items`,
    needs: 'modify',
    path: `${BRANCH}/items`,
    body: { key: 'k', value: 'v' },
  },
  {
    route: `PUT ${NS_ROUTE}/branches/:branch/items/:key`,
    needs: 'modify',
    path: `${BRANCH}/items/k`,
    body: { value: 'v' },
  },
  { route: `DELETE ${NS_ROUTE}/branches/:branch/items/:key`, needs: 'modify', path: `${BRANCH}/items/k` },
  {
    route: `PUT ${NS_ROUTE}/branches/:branch/rules`,
    needs: 'release',
    path: `${BRANCH}/rules`,
    body: { ruleItems: [] },
  },
  {
    route: `POST ${NS_ROUTE}/branches/:branch/releases`,
    needs: 'release',
    path: `${BRANCH}/releases`,
    body: {},
  },
  { route: `POST ${NS_ROUTE}/branches/:branch/merge`, needs: 'release', path: `${BRANCH}/merge`, body: {} },
  { route: `DELETE ${NS_ROUTE}/branches/:branch`, needs: 'release', path: BRANCH },
  {
    route: `GET ${NS_ROUTE}/releases/compare`,
    needs: 'read-values',
    path: `${PRO_NS}/releases/compare?baseReleaseId=0&toCompareReleaseId=1`,
  },
  { route: `GET ${NS_ROUTE}/releases/:releaseId`, needs: 'read-values', path: `${PRO_NS}/releases/1` },
  {
    route: `GET ${NS_ROUTE}/releases/:releaseId/instances`,
    needs: 'read',
    path: `${NS}/releases/1/instances`,
  },
  { route: `GET ${NS_ROUTE}/instances`, needs: 'read', path: `${NS}/instances` },
  {
    route: `GET ${NS_ROUTE}/instances/not-on-latest-release`,
    needs: 'read',
    path: `${NS}/instances/not-on-latest-release`,
  },
  { route: `GET ${NS_ROUTE}/lock`, needs: 'read', path: `${NS}/lock` },
  { route: `PUT ${NS_ROUTE}/revoke-items`, needs: 'modify', path: `${NS}/revoke-items` },
  {
    route: 'GET /api/envs/:env/apps/:appId/associated-namespaces',
    needs: 'read',
    path: '/api/envs/DEV/apps/shop/associated-namespaces',
  },
  {
    route: 'GET /api/envs/:env/apps/:appId/public-namespaces',
    needs: 'master',
    path: '/api/envs/DEV/apps/shop/public-namespaces',
  },
  {
    route: 'POST /api/envs/:env/apps/:appId/associated-namespaces',
    needs: 'master',
    path: '/api/envs/DEV/apps/shop/associated-namespaces',
    body: { namespaceName: 'common.db' },
  },
  {
    route: 'DELETE /api/envs/:env/apps/:appId/associated-namespaces/:namespace',
    needs: 'master',
    path: '/api/envs/DEV/apps/shop/associated-namespaces/common.db',
  },
  {
    route: 'GET /api/envs/:env/apps/:appId/accesskeys',
    needs: 'master',
    path: '/api/envs/DEV/apps/shop/accesskeys',
  },
  {
    route: 'POST /api/envs/:env/apps/:appId/accesskeys',
    needs: 'master',
    path: '/api/envs/DEV/apps/shop/accesskeys',
  },
  {
    route: 'PUT /api/envs/:env/apps/:appId/accesskeys/:id/enable',
    needs: 'master',
    path: '/api/envs/DEV/apps/shop/accesskeys/1/enable',
  },
  {
    route: 'PUT /api/envs/:env/apps/:appId/accesskeys/:id/disable',
    needs: 'master',
    path: '/api/envs/DEV/apps/shop/accesskeys/1/disable',
  },
  {
    route: 'DELETE /api/envs/:env/apps/:appId/accesskeys/:id',
    needs: 'master',
    path: '/api/envs/DEV/apps/shop/accesskeys/1',
  },
  { route: `GET ${APP_ROUTE}/release-webhooks`, needs: 'read', path: `${APP}/release-webhooks` },
  { route: `POST ${APP_ROUTE}/release-webhooks`, needs: 'master', path: `${APP}/release-webhooks`, body: {} },
  { route: `DELETE ${APP_ROUTE}/release-webhooks/:id`, needs: 'master', path: `${APP}/release-webhooks/1` },
  { route: `GET ${APP_ROUTE}/notification-webhooks`, needs: 'read', path: `${APP}/notification-webhooks` },
  {
    route: `POST ${APP_ROUTE}/notification-webhooks`,
    needs: 'master',
    path: `${APP}/notification-webhooks`,
    body: {},
  },
  {
    route: `DELETE ${APP_ROUTE}/notification-webhooks/:id`,
    needs: 'master',
    path: `${APP}/notification-webhooks/1`,
  },
  { route: `GET ${APP_ROUTE}/webhook-deliveries`, needs: 'read', path: `${APP}/webhook-deliveries` },
  {
    route: `GET ${APP_ROUTE}/webhook-deliveries/count`,
    needs: 'read',
    path: `${APP}/webhook-deliveries/count`,
  },
  { route: `GET ${APP_ROUTE}/webhook-deliveries/:id`, needs: 'read', path: `${APP}/webhook-deliveries/1` },
  {
    route: `POST ${APP_ROUTE}/webhook-deliveries/:id/redeliver`,
    needs: 'master',
    path: `${APP}/webhook-deliveries/1/redeliver`,
    body: {},
  },
];

const ROUTES: Array<{ route: string; needs: Needs; path: string; body?: unknown }> = [
  { route: 'POST /api/login', needs: 'public', path: '/api/login', body: { username: 'x', password: 'y' } },
  { route: 'GET /api/sign-in-options', needs: 'public', path: '/api/sign-in-options' },
  { route: 'GET /api/oidc/login', needs: 'public', path: '/api/oidc/login' },
  { route: 'GET /api/oidc/callback', needs: 'public', path: '/api/oidc/callback' },
  { route: 'POST /api/logout', needs: 'signed-in', path: '/api/logout' },
  { route: 'GET /api/session', needs: 'signed-in', path: '/api/session' },
  { route: 'GET /api/users', needs: 'super-admin', path: '/api/users' },
  {
    route: 'POST /api/users',
    needs: 'super-admin',
    path: '/api/users',
    body: { username: 'zed', password: password('zed') },
  },
  { route: 'DELETE /api/users/:username', needs: 'super-admin', path: '/api/users/zed' },
  {
    route: 'PUT /api/users/:username/enabled',
    needs: 'super-admin',
    path: '/api/users/zed/enabled',
    body: { enabled: false },
  },
  {
    route: 'POST /api/me/password',
    needs: 'signed-in',
    path: '/api/me/password',
    body: { currentPassword: 'a', newPassword: 'b' },
  },
  { route: 'GET /api/envs', needs: 'signed-in', path: '/api/envs' },
  { route: 'GET /api/me/favourites', needs: 'signed-in', path: '/api/me/favourites' },
  { route: 'GET /api/me/recent-apps', needs: 'signed-in', path: '/api/me/recent-apps' },
  { route: 'PUT /api/me/recent-apps/:appId', needs: 'signed-in', path: '/api/me/recent-apps/shop' },
  { route: 'GET /api/search/items', needs: 'signed-in', path: '/api/search/items?key=timeout' },
  { route: 'PUT /api/me/favourites/:appId', needs: 'signed-in', path: '/api/me/favourites/shop' },
  { route: 'DELETE /api/me/favourites/:appId', needs: 'signed-in', path: '/api/me/favourites/shop' },
  { route: 'GET /api/audit', needs: 'super-admin', path: '/api/audit' },
  { route: 'GET /api/apps/:appId/roles', needs: 'signed-in', path: '/api/apps/shop/roles' },
  { route: 'GET /api/apps/:appId/permissions', needs: 'signed-in', path: '/api/apps/shop/permissions' },
  { route: 'GET /api/apps/:appId/export', needs: 'signed-in', path: '/api/apps/shop/export' },
  {
    route: 'POST /api/apps/:appId/import',
    needs: 'signed-in',
    path: '/api/apps/shop/import?conflictAction=cover',
  },
  {
    route: 'POST /api/apps/:appId/roles',
    needs: 'master',
    path: '/api/apps/shop/roles',
    body: { username: 'nobody', role: 'Master' },
  },
  { route: 'DELETE /api/apps/:appId/roles/:grantId', needs: 'master', path: '/api/apps/shop/roles/1' },
  {
    route: 'PUT /api/apps/:appId/owner',
    needs: 'master',
    path: '/api/apps/shop/owner',
    body: { ownerName: 'nobody' },
  },
  { route: 'GET /api/roles/create-application', needs: 'super-admin', path: '/api/roles/create-application' },
  {
    route: 'POST /api/roles/create-application',
    needs: 'super-admin',
    path: '/api/roles/create-application',
    body: { username: 'nobody' },
  },
  {
    route: 'DELETE /api/roles/create-application/:username',
    needs: 'super-admin',
    path: '/api/roles/create-application/creator',
  },
  { route: 'GET /api/consumers', needs: 'super-admin', path: '/api/consumers' },
  {
    route: 'POST /api/consumers',
    needs: 'super-admin',
    path: '/api/consumers',
    body: { appId: 'bot', name: 'Bot', ownerName: 'nobody' },
  },
  { route: 'DELETE /api/consumers/:consumerId', needs: 'super-admin', path: '/api/consumers/1' },
  {
    route: 'PUT /api/consumers/:consumerId/owner',
    needs: 'super-admin',
    path: '/api/consumers/1/owner',
    body: { ownerName: 'nobody' },
  },
  { route: 'POST /api/consumers/:consumerId/tokens', needs: 'super-admin', path: '/api/consumers/1/tokens' },
  {
    route: 'DELETE /api/consumers/:consumerId/tokens',
    needs: 'super-admin',
    path: '/api/consumers/1/tokens',
  },
  { route: 'GET /api/consumers/:consumerId/grants', needs: 'super-admin', path: '/api/consumers/1/grants' },
  {
    route: 'POST /api/consumers/:consumerId/grants',
    needs: 'super-admin',
    path: '/api/consumers/1/grants',
    body: { appId: 'shop' },
  },
  {
    route: 'DELETE /api/consumers/:consumerId/grants/:grantId',
    needs: 'super-admin',
    path: '/api/consumers/1/grants/1',
  },
  { route: 'GET /api/envs/:env/apps', needs: 'read', path: '/api/envs/DEV/apps' },
  { route: 'GET /api/envs/:env/apps/:appId', needs: 'read', path: '/api/envs/DEV/apps/shop' },
  {
    route: 'POST /api/envs/:env/apps',
    needs: 'create-app',
    path: '/api/envs/DEV/apps',
    body: { appId: 'mine', name: 'Mine' },
  },
  {
    route: 'GET /api/envs/:env/apps/:appId/clusters',
    needs: 'read',
    path: '/api/envs/DEV/apps/shop/clusters',
  },
  {
    route: 'POST /api/envs/:env/apps/:appId/clusters',
    needs: 'master',
    path: '/api/envs/DEV/apps/shop/clusters',
    body: { name: 'sh' },
  },
  {
    route: 'GET /api/envs/:env/apps/:appId/appnamespaces',
    needs: 'read',
    path: '/api/envs/DEV/apps/shop/appnamespaces',
  },
  {
    route: 'POST /api/envs/:env/apps/:appId/appnamespaces',
    needs: 'master',
    path: '/api/envs/DEV/apps/shop/appnamespaces',
    body: { name: 'db' },
  },
  {
    route: 'PUT /api/envs/:env/apps/:appId/appnamespaces/:namespace/secret',
    needs: 'master',
    path: '/api/envs/DEV/apps/shop/appnamespaces/application/secret',
    body: { secret: true },
  },
  {
    route: 'GET /api/envs/:env/apps/:appId/clusters/:cluster/namespaces',
    needs: 'read',
    path: '/api/envs/DEV/apps/shop/clusters/default/namespaces',
  },
  {
    route: 'GET /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace',
    needs: 'read',
    path: NS,
  },
  {
    route: 'POST /api/envs/:env/apps/:appId/clusters/:cluster/namespaces',
    needs: 'master',
    path: '/api/envs/DEV/apps/shop/clusters/default/namespaces',
    body: { namespaceName: 'db' },
  },
  {
    route: 'DELETE /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace',
    needs: 'master',
    path: '/api/envs/DEV/apps/shop/clusters/default/namespaces/db',
  },
  {
    route: 'GET /api/envs/:env/apps/:appId/clusters/:cluster/missing-namespaces',
    needs: 'read',
    path: '/api/envs/DEV/apps/shop/clusters/default/missing-namespaces',
  },
  {
    route: 'POST /api/envs/:env/apps/:appId/clusters/:cluster/missing-namespaces',
    needs: 'master',
    path: '/api/envs/DEV/apps/shop/clusters/default/missing-namespaces',
    body: {},
  },
  {
    route: 'GET /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/items',
    needs: 'read',
    path: `${NS}/items`,
  },
  {
    route: 'POST /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/items',
    needs: 'modify',
    path: `${NS}/items`,
    body: { key: 'k', value: 'v' },
  },
  {
    route: 'PUT /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/items',
    needs: 'modify',
    path: `${NS}/items`,
    body: { configText: 'k=v' },
  },
  {
    route: 'GET /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/items/:key',
    needs: 'read',
    path: `${NS}/items/timeout`,
  },
  {
    route: 'POST /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/items/:key/reveal',
    needs: 'reveal',
    path: `${NS}/items/timeout/reveal`,
    body: {},
  },
  {
    route: 'PUT /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/items/:key',
    needs: 'modify',
    path: `${NS}/items/timeout`,
    body: { value: '1' },
  },
  {
    route: 'DELETE /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/items/:key',
    needs: 'modify',
    path: `${NS}/items/timeout`,
  },
  {
    route: 'POST /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/releases',
    needs: 'release',
    path: `${NS}/releases`,
    body: { releaseTitle: 't' },
  },
  {
    route: 'POST /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/releases/dry-run',
    needs: 'release',
    path: `${NS}/releases/dry-run`,
  },
  {
    route: 'GET /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/releases',
    needs: 'read-values',
    path: `${PRO_NS}/releases`,
  },
  {
    route: 'GET /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/releases/latest',
    needs: 'read-values',
    path: `${PRO_NS}/releases/latest`,
  },
  {
    route: 'GET /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/releases/histories',
    needs: 'read-values',
    path: `${PRO_NS}/releases/histories`,
  },
  {
    route: 'GET /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/unreleased-changes',
    needs: 'read-values',
    path: `${PRO_NS}/unreleased-changes`,
  },
  {
    route: 'GET /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/commits',
    needs: 'read-values',
    path: `${PRO_NS}/commits`,
  },
  {
    route: 'GET /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/compare',
    needs: 'read',
    path: `${NS}/compare?targets=PRO:default`,
  },
  {
    route: 'POST /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/sync',
    needs: 'read-values',
    path: `${PRO_NS}/sync`,
    body: { targets: [{ env: 'DEV', cluster: 'default' }], keys: ['k'] },
  },
  {
    route:
      'PUT /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/releases/:releaseId/rollback',
    needs: 'release',
    path: `${NS}/releases/1/rollback`,
  },
  {
    route: 'GET /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/rollouts',
    needs: 'read',
    path: `${NS}/rollouts`,
  },
  {
    route: 'GET /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/rollouts/:id',
    needs: 'read',
    path: `${NS}/rollouts/1`,
  },
  {
    route: 'POST /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/rollouts',
    needs: 'release',
    path: `${NS}/rollouts`,
    body: { steps: [{ percentage: 100 }] },
  },
  {
    route: 'POST /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/rollouts/:id/pause',
    needs: 'release',
    path: `${NS}/rollouts/1/pause`,
    body: {},
  },
  {
    route: 'POST /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/rollouts/:id/resume',
    needs: 'release',
    path: `${NS}/rollouts/1/resume`,
    body: {},
  },
  {
    route: 'POST /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/rollouts/:id/advance',
    needs: 'release',
    path: `${NS}/rollouts/1/advance`,
    body: {},
  },
  {
    route: 'POST /api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/rollouts/:id/abort',
    needs: 'release',
    path: `${NS}/rollouts/1/abort`,
    body: {},
  },
  ...TOOL_ROUTES,
];

describe('portal permissions over HTTP, two environments', () => {
  let fixture: TwoEnvironmentPortal;
  let environments: TwoEnvironments;
  let portal: PortalTestServer;
  let as: Record<string, PortalClient> = {};

  beforeAll(async () => {
    fixture = await startTwoEnvironmentPortal({
      portal: { HOUSTON_PORTAL_MEMBER_ONLY_ENVS: 'pro' },
      users: ['creator', 'alice', 'ed', 'rel', 'clus', 'nobody'],
    });
    ({ environments, portal, as } = fixture);
    expect((await as['admin'].post('/api/roles/create-application', { username: 'creator' })).status).toBe(
      201,
    );
    for (const env of ['DEV', 'PRO']) {
      const created = await as['creator']!.post(`/api/envs/${env}/apps`, {
        appId: 'shop',
        name: 'Shop',
        ownerName: 'alice',
      });
      expect(created.status).toBe(201);
    }
    const grant = (body: object) => as['alice']!.post('/api/apps/shop/roles', body);
    expect((await grant({ username: 'ed', role: 'ModifyNamespace', namespace: 'application' })).status).toBe(
      201,
    );
    expect(
      (await grant({ username: 'rel', role: 'ReleaseNamespace', namespace: 'application', env: 'dev' }))
        .status,
    ).toBe(201);
    expect(
      (await grant({ username: 'clus', role: 'ModifyNamespacesInCluster', env: 'DEV', cluster: 'default' }))
        .status,
    ).toBe(201);
  });
  afterAll(() => fixture?.stop());

  it('has a row in the permission table for every route it serves, and none it does not', () => {
    expect(ROUTES.map((r) => r.route).sort()).toEqual(servedRoutes());
  });

  it.each(ROUTES.filter((r) => r.needs !== 'public'))(
    'refuses $route without a session',
    async ({ route, path, body }) => {
      const answer = await new PortalClient(portal.url).request(route.split(' ')[0]!, path, body);
      expect(answer.status).toBe(401);
    },
  );

  it.each(ROUTES.filter((r) => !['public', 'signed-in', 'read'].includes(r.needs)))(
    'refuses $route ($needs) to a signed-in user without the role',
    async ({ route, path, body }) => {
      const answer = await as['nobody']!.request(route.split(' ')[0]!, path, body);
      expect(answer.status).toBe(403);
      expect(answer.body.code).toBe('FORBIDDEN');
    },
  );

  it('lets the app master delete a namespace from one cluster and make it again, and no one else', async () => {
    const app = '/api/envs/PRO/apps/shop';
    expect((await as['alice']!.post(`${app}/appnamespaces`, { name: 'quota' })).status).toBe(201);
    const quota = `${app}/clusters/default/namespaces/quota`;
    expect((await as['ed']!.request('DELETE', quota)).status).toBe(403);
    expect((await as['alice']!.request('DELETE', quota)).status).toBe(204);
    expect((await as['nobody']!.get(`${app}/clusters/default/missing-namespaces`)).body).toEqual(['quota']);
    const made = await as['alice']!.post(`${app}/clusters/default/missing-namespaces`, {});
    expect(made).toMatchObject({ status: 201, body: ['quota'] });
    expect((await as['alice']!.request('DELETE', quota)).status).toBe(204);
    const one = await as['alice']!.post(`${app}/clusters/default/namespaces`, { namespaceName: 'quota' });
    expect(one).toMatchObject({ status: 201, body: { namespaceName: 'quota', clusterName: 'default' } });
  });

  it('records the portal user as the operator, whatever the client claims', async () => {
    const created = await as['ed']!.request(
      'POST',
      `${NS}/items`,
      { key: 'timeout', value: '100', dataChangeCreatedBy: 'mallory' },
      { 'x-operator': 'mallory' },
    );
    expect(created.status).toBe(201);
    const direct = await fetch(
      `${environments.dev.adminUrl}/apps/shop/clusters/default/namespaces/application/items/timeout`,
      { headers: adminAuth() },
    );
    expect(await direct.json()).toMatchObject({
      key: 'timeout',
      dataChangeCreatedBy: 'ed',
      dataChangeLastModifiedBy: 'ed',
    });
  });

  it('scopes modify and release to their namespace, environment and cluster', async () => {
    expect((await as['ed']!.post(`${NS}/releases`, { releaseTitle: 'by an editor' })).status).toBe(403);
    expect((await as['ed']!.post(`${PRO_NS}/items`, { key: 'timeout', value: '200' })).status).toBe(201);
    expect((await as['rel']!.post(`${PRO_NS}/releases`, { releaseTitle: 'dev-only releaser' })).status).toBe(
      403,
    );
    const released = await as['rel']!.post(`${NS}/releases`, {
      releaseTitle: 'first',
      releasedBy: 'mallory',
    });
    expect(released.status).toBe(201);
    expect(released.body.dataChangeCreatedBy).toBe('rel');
    expect((await as['clus']!.put(`${NS}/items/timeout`, { value: '150' })).status).toBe(200);
    expect((await as['clus']!.put(`${PRO_NS}/items/timeout`, { value: '250' })).status).toBe(403);
    expect(
      (
        await as['clus']!.post('/api/envs/DEV/apps/shop/clusters/default/namespaces/other/items', {
          key: 'a',
          value: 'b',
        })
      ).status,
    ).not.toBe(403);
    expect((await as['alice']!.put(`${NS}/items/timeout`, { value: '1' })).status).toBe(403);
    expect((await as['alice']!.post('/api/envs/DEV/apps/shop/clusters', { name: 'sh' })).status).toBe(201);
  });

  it("rolls back only that namespace's releases, as the portal user", async () => {
    const second = await as['rel']!.post(`${NS}/releases`, { releaseTitle: 'second' });
    expect(second.status).toBe(201);
    const elsewhere = await as['admin']!.post('/api/envs/DEV/apps/shop/appnamespaces', { name: 'db' });
    expect(elsewhere.status).toBe(201);
    await as['admin']!.post('/api/envs/DEV/apps/shop/clusters/default/namespaces/db/items', {
      key: 'a',
      value: 'b',
    });
    const dbRelease = await as['admin']!.post(
      '/api/envs/DEV/apps/shop/clusters/default/namespaces/db/releases',
      { releaseTitle: 'db' },
    );
    expect(dbRelease.status).toBe(201);
    expect((await as['rel']!.put(`${NS}/releases/${dbRelease.body.id}/rollback`)).status).toBe(404);
    const rolledBack = await as['rel']!.put(`${NS}/releases/${second.body.id}/rollback?operator=mallory`);
    expect(rolledBack.status).toBe(200);
    const history = await as['rel']!.get(`${NS}/releases/histories`);
    expect(history.body.content ?? history.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ operation: 1, dataChangeCreatedBy: 'rel' })]),
    );
  });

  it('hides values in a member-only environment from non-members, and refuses them releases there', async () => {
    const hidden = await as['nobody']!.get(`${PRO_NS}/items`);
    expect(hidden.status).toBe(200);
    expect(JSON.stringify(hidden.body)).not.toContain('200');
    expect(hidden.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'timeout', value: '******' })]),
    );
    const namespace = await as['nobody']!.get(PRO_NS);
    expect(JSON.stringify(namespace.body)).not.toMatch(/timeout=200|"200"/);
    expect((await as['nobody']!.get(`${PRO_NS}/releases/latest`)).status).toBe(403);
    const member = await as['ed']!.get(`${PRO_NS}/items`);
    expect(member.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'timeout', value: '200' })]),
    );
    const dev = await as['nobody']!.get(`${NS}/items`);
    expect(dev.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'timeout', value: '150' })]),
    );
  });

  it('answers 503 for an unreachable environment and 404 for an unknown one, the others unaffected', async () => {
    const off = await as['admin']!.get('/api/envs/OFF/apps');
    expect(off.status).toBe(503);
    expect(off.body).toMatchObject({ code: 'UNAVAILABLE', details: { env: 'OFF' } });
    expect((await as['admin']!.get('/api/envs/NOPE/apps')).status).toBe(404);
    expect((await as['admin']!.get('/api/envs/dev/apps')).status).toBe(200);
  });

  it('lets only a master hand out roles, in the shapes Apollo has', async () => {
    expect(
      (await as['ed']!.post('/api/apps/shop/roles', { username: 'nobody', role: 'Master' })).status,
    ).toBe(403);
    const wrongShape = await as['alice']!.post('/api/apps/shop/roles', {
      username: 'nobody',
      role: 'ModifyNamespace',
    });
    expect(wrongShape.status).toBe(400);
    const unknownEnv = await as['alice']!.post('/api/apps/shop/roles', {
      username: 'nobody',
      role: 'ReleaseNamespacesInCluster',
      env: 'QA',
      cluster: 'default',
    });
    expect(unknownEnv.status).toBe(404);
    const roles = await as['nobody']!.get('/api/apps/shop/roles');
    expect(
      roles.body.map((g: { username: string; role: string }) => `${g.username}:${g.role}`).sort(),
    ).toEqual([
      'alice:Master',
      'clus:ModifyNamespacesInCluster',
      'ed:ModifyNamespace',
      'rel:ReleaseNamespace',
    ]);
    const mine = await as['alice']!.get('/api/apps/shop/permissions');
    expect(mine.body).toMatchObject({ isMaster: true, isMember: true, isSuperAdmin: false });
  });

  it('keeps a paged audit of every write that passed the permission check, failed ones included, for super administrators', async () => {
    const audit = await as['admin']!.get('/api/audit?env=dev&appId=shop&size=500');
    expect(audit.status).toBe(200);
    const rows = audit.body.content as Array<{
      username: string;
      method: string;
      route: string;
      status: number;
    }>;
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          username: 'ed',
          method: 'POST',
          route: '/api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/items',
          status: 201,
        }),
        expect.objectContaining({ username: 'rel', method: 'PUT', status: 404 }),
        expect.objectContaining({ username: 'rel', method: 'PUT', status: 200 }),
      ]),
    );
    const page = await as['admin']!.get('/api/audit?page=0&size=2');
    expect(page.body).toMatchObject({ page: 0, size: 2 });
    expect(page.body.content).toHaveLength(2);
    expect(page.body.total).toBeGreaterThan(2);
    expect(page.body.content[0].id).toBeGreaterThan(page.body.content[1].id);
    expect((await as['admin']!.get('/api/audit?size=0')).status).toBe(400);
  });
});
