import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adminAuth } from '@houston/testing';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { PortalClient } from '../test-support/portal-client';
import type { PortalTestServer } from '../test-support/portal-test-server';
import {
  startTwoEnvironmentPortal,
  userPassword as password,
  type TwoEnvironmentPortal,
} from '../test-support/two-environment-portal';
import type { TwoEnvironments } from '../test-support/two-environments';
import { OPEN_API_CONTROLLERS } from './index';
import { OPEN_API_NEEDS } from './open-api-needs';

// Generous: starting two environments and a portal on a busy machine takes minutes.
jest.setTimeout(240_000);

interface Contract {
  operations: Array<{
    operationId: string;
    method: string;
    path: string;
    status: number;
    answers: string | null;
  }>;
  schemas: Record<string, Record<string, string>>;
}
const CONTRACT = JSON.parse(
  readFileSync(join(__dirname, 'contract', 'apollo-openapi-operations.json'), 'utf8'),
) as Contract;

const DEV_NS = '/openapi/v1/envs/DEV/apps/shop/clusters/default/namespaces/application';
const PRO_NS = '/openapi/v1/envs/PRO/apps/shop/clusters/default/namespaces/application';

interface Raw {
  status: number;
  body: any;
  headers: Headers;
}

/** A request exactly as Apollo's Open API docs show it: the bare token in Authorization, JSON bodies. */
async function openApi(
  base: string,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
) {
  const response = await fetch(base + path, {
    method,
    headers: {
      ...(token === undefined ? {} : { Authorization: token }),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json;charset=UTF-8' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Not JSON: kept as text.
  }
  return { status: response.status, body: parsed, headers: response.headers } as Raw;
}

/** Fields an answer has that its documented schema does not (recursively); [] when it conforms. */
function undocumented(value: unknown, type: string, where = ''): string[] {
  if (value === undefined || value === null) return [];
  if (type.endsWith('[]')) {
    if (!Array.isArray(value)) return [`${where || 'answer'} is not an array`];
    return value.flatMap((entry, index) => undocumented(entry, type.slice(0, -2), `${where}[${index}]`));
  }
  const schema = CONTRACT.schemas[type];
  if (!schema) {
    const ok =
      type === 'object'
        ? typeof value === 'object'
        : type === 'integer'
          ? Number.isInteger(value)
          : typeof value === type;
    return ok ? [] : [`${where} is not ${type}`];
  }
  if (typeof value !== 'object' || Array.isArray(value)) return [`${where || 'answer'} is not a ${type}`];
  return Object.entries(value as Record<string, unknown>).flatMap(([field, fieldValue]) =>
    schema[field] === undefined
      ? [`${where}.${field} is not in ${type}`]
      : undocumented(fieldValue, schema[field]!, `${where}.${field}`),
  );
}

function servedOpenApiRoutes(): Array<{ route: string; needs: string }> {
  const routes: Array<{ route: string; needs: string }> = [];
  for (const controller of OPEN_API_CONTROLLERS) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '').replace(/^\/|\/$/g, '');
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as unknown as Record<string, unknown>)[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
      const path = String(Reflect.getMetadata(PATH_METADATA, handler)).replace(/^\/|\/$/g, '');
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      routes.push({
        route: `${method} /${[base, path].filter(Boolean).join('/')}`,
        needs: String(Reflect.getMetadata(OPEN_API_NEEDS, handler)),
      });
    }
  }
  return routes.sort((a, b) => a.route.localeCompare(b.route));
}

/** `/openapi/v1/envs/{env}/…` → `/openapi/v1/envs/:env/…` */
const asRoute = (method: string, path: string) => `${method} ${path.replace(/\{(\w+)\}/g, ':$1')}`;

describe("Apollo's Open API on the portal, two environments", () => {
  let fixture: TwoEnvironmentPortal;
  let environments: TwoEnvironments;
  let portal: PortalTestServer;
  let admin: PortalClient;
  const tokens: Record<string, string> = {};
  const call = (who: string | undefined, method: string, path: string, body?: unknown) =>
    openApi(portal.url, who === undefined ? undefined : (tokens[who] ?? who), method, path, body);

  async function consumer(appId: string, grants: object[], extra: object = {}): Promise<string> {
    const created = await admin.post('/api/consumers', { appId, name: appId, ownerName: 'alice', ...extra });
    expect(created.status).toBe(201);
    for (const grant of grants) {
      expect((await admin.post(`/api/consumers/${created.body.id}/grants`, grant)).status).toBe(201);
    }
    return created.body.token as string;
  }

  beforeAll(async () => {
    fixture = await startTwoEnvironmentPortal({
      portal: {
        // Generous: a busy machine answers slowly; the meta-server that answered last is asked first.
        HOUSTON_PORTAL_ENV_TIMEOUT: '3s',
        HOUSTON_PORTAL_REVIEW_ENVS: 'PRO',
        HOUSTON_PORTAL_EMERGENCY_PUBLISH_ENVS: 'PRO',
      },
      users: ['alice', 'bob', 'off'],
      apps: [{ appId: 'shop', name: 'Shop', ownerName: 'alice' }],
    });
    ({ environments, portal, admin } = fixture);
    tokens['app'] = await consumer('deploy-bot', [{ appId: 'shop' }], { allowCreateApplication: true });
    tokens['proApplication'] = await consumer('pro-bot', [
      { appId: 'shop', namespaceName: 'application', env: 'pro' },
    ]);
    tokens['none'] = await consumer('idle-bot', []);
    tokens['limited'] = await consumer('slow-bot', [{ appId: 'shop' }], { rateLimit: 2 });
  });
  afterAll(() => fixture?.stop());

  it('refuses a missing or unknown token with 401 in Apollo’s error shape', async () => {
    for (const token of [undefined, '', 'not-a-token', `Bearer nope`]) {
      const answer = await call(token, 'GET', `${DEV_NS}/items/timeout`);
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({
        status: 401,
        message: 'Unauthorized',
        timestamp: expect.any(String),
        exception: 'UnauthorizedException',
      });
    }
  });

  it('shows a consumer’s token once and keeps only its hash', async () => {
    const list = await admin.get('/api/consumers');
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(tokens['app']);
    expect(list.body.find((c: { appId: string }) => c.appId === 'deploy-bot')).toMatchObject({
      ownerName: 'alice',
      grants: [expect.objectContaining({ appId: 'shop', namespaceName: '', env: '' })],
    });
    const bob = await PortalClient.signedIn(portal.url, 'bob', password('bob'));
    expect((await bob.get('/api/consumers')).status).toBe(403);
    expect((await admin.post('/api/consumers', { appId: 'x', name: 'x', ownerName: 'ghost' })).status).toBe(
      400,
    );
  });

  it('edits and reads items with Apollo’s DTOs, recording the operator the request names', async () => {
    const created = await call('app', 'POST', `${DEV_NS}/items`, {
      key: 'timeout',
      value: '100',
      comment: 'first',
      dataChangeCreatedBy: 'alice',
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      key: 'timeout',
      value: '100',
      comment: 'first',
      dataChangeCreatedBy: 'alice',
    });
    // The time pattern of Apollo's portal, the one its Java client parses.
    expect(created.body.dataChangeCreatedTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    const direct = await fetch(
      `${environments.dev.adminUrl}/apps/shop/clusters/default/namespaces/application/items/timeout`,
      { headers: adminAuth() },
    );
    expect(await direct.json()).toMatchObject({ dataChangeCreatedBy: 'alice' });

    // A whole DTO echoed back, with null and unknown fields, is accepted as Spring accepts it.
    const echoed = await call('app', 'PUT', `${DEV_NS}/items/timeout`, {
      ...created.body,
      value: '150',
      comment: null,
      id: 7,
      extendInfo: null,
      dataChangeLastModifiedBy: 'bob',
    });
    expect(echoed.status).toBe(200);
    expect((await call('app', 'GET', `${DEV_NS}/items/timeout`)).body).toMatchObject({
      value: '150',
      dataChangeLastModifiedBy: 'bob',
    });

    const ghost = await call('app', 'POST', `${DEV_NS}/items`, {
      key: 'k',
      value: 'v',
      dataChangeCreatedBy: 'ghost',
    });
    expect(ghost.status).toBe(400);
    expect(ghost.body).toMatchObject({
      status: 400,
      message: "User ghost doesn't exist!",
      exception: 'BadRequestException',
    });
    expect((await call('app', 'POST', `${DEV_NS}/items`, { key: 'k', value: 'v' })).status).toBe(400);
    const twice = await call('app', 'POST', `${DEV_NS}/items`, {
      key: 'timeout',
      value: '1',
      dataChangeCreatedBy: 'alice',
    });
    expect(twice.status).toBe(400);

    const missing = { key: 'retries', value: '3', dataChangeLastModifiedBy: 'alice' };
    expect((await call('app', 'PUT', `${DEV_NS}/items/retries`, missing)).status).toBe(404);
    expect((await call('app', 'PUT', `${DEV_NS}/items/retries?createIfNotExists=true`, missing)).status).toBe(
      200,
    );
    expect((await call('app', 'PUT', `${DEV_NS}/items/other`, missing)).status).toBe(400);

    const page = await call('app', 'GET', `${DEV_NS}/items?page=0&size=1`);
    expect(page.body).toMatchObject({
      page: 0,
      size: 1,
      total: 2,
      content: [expect.objectContaining({ key: 'timeout' })],
    });

    expect((await call('app', 'DELETE', `${DEV_NS}/items/retries`)).status).toBe(400);
    expect((await call('app', 'DELETE', `${DEV_NS}/items/retries?operator=alice`)).status).toBe(200);
    expect((await call('app', 'GET', `${DEV_NS}/items/retries`)).status).toBe(404);
    const gone = await call('app', 'DELETE', `${DEV_NS}/items/retries?operator=alice`);
    expect(gone.body).toMatchObject({ status: 400, message: 'item not exists' });
    expect((await call('app', 'GET', `${DEV_NS}/items?page=0&size=0`)).status).toBe(400);

    // A key a path cannot carry goes as URL-safe Base64 under encodedItems.
    const odd = 'a/b c';
    const encoded = Buffer.from(odd, 'utf8').toString('base64url');
    const oddItem = { key: odd, value: 'odd', dataChangeLastModifiedBy: 'alice' };
    expect(
      (await call('app', 'PUT', `${DEV_NS}/encodedItems/${encoded}?createIfNotExists=true`, oddItem)).status,
    ).toBe(200);
    expect((await call('app', 'GET', `${DEV_NS}/encodedItems/${encoded}`)).body).toMatchObject({
      key: odd,
      value: 'odd',
    });
    expect((await call('app', 'GET', `${DEV_NS}/items/${encodeURIComponent(odd)}`)).body).toMatchObject({
      key: odd,
    });
    expect((await call('app', 'DELETE', `${DEV_NS}/encodedItems/${encoded}?operator=alice`)).status).toBe(
      200,
    );
    expect((await call('app', 'GET', `${DEV_NS}/encodedItems/not*base64`)).status).toBe(400);

    const text = await call('app', 'PUT', `${DEV_NS}/items?operator=alice`, {
      configText: 'timeout=150\nbatch=yes\n',
      format: 'properties',
      namespaceName: 'application',
    });
    expect(text.status).toBe(200);
    expect((await call('app', 'GET', `${DEV_NS}/items/batch`)).body).toMatchObject({ value: 'yes' });
  });

  it('answers 403 without a grant, and holds a namespace grant to its namespace and environment', async () => {
    const item = { key: 'flag', value: 'on', dataChangeCreatedBy: 'alice' };
    const refused = await call('none', 'POST', `${DEV_NS}/items`, item);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ status: 403, exception: 'AccessDeniedException' });
    expect((await call('none', 'GET', `${DEV_NS}/items/timeout`)).status).toBe(403);
    expect((await call('proApplication', 'POST', `${DEV_NS}/items`, item)).status).toBe(403);
    expect((await call('proApplication', 'GET', `${DEV_NS}/items/timeout`)).status).toBe(403);
    expect((await call('proApplication', 'POST', `${PRO_NS}/items`, item)).status).toBe(200);
    const otherNamespace = '/openapi/v1/envs/PRO/apps/shop/clusters/default/namespaces/db/items';
    expect((await call('proApplication', 'POST', otherNamespace, item)).status).toBe(403);
    // PRO needs review: a consumer cannot have its release approved, so only an emergency publishes.
    const release = { releaseTitle: 'p', releasedBy: 'alice' };
    const needsReview = await call('proApplication', 'POST', `${PRO_NS}/releases`, release);
    expect(needsReview.status).toBe(403);
    expect(needsReview.body.message).toMatch(/need review/);
    const emergency = await call('proApplication', 'POST', `${PRO_NS}/releases`, {
      ...release,
      isEmergencyPublish: true,
    });
    expect(emergency.status).toBe(200);
    expect(
      (
        await call('proApplication', 'POST', '/openapi/v1/envs/PRO/apps/shop/clusters', {
          name: 'x',
          dataChangeCreatedBy: 'alice',
        })
      ).status,
    ).toBe(403);
    const authorized = await call('proApplication', 'GET', '/openapi/v1/apps/authorized');
    expect(authorized.body.map((app: { appId: string }) => app.appId)).toEqual(['shop']);
    expect((await call('none', 'GET', '/openapi/v1/apps/authorized')).body).toEqual([]);
  });

  it('publishes, reads the latest release and rolls back by release id', async () => {
    const first = await call('app', 'POST', `${DEV_NS}/releases`, {
      releaseTitle: 'first',
      releaseComment: 'c',
      releasedBy: 'alice',
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      appId: 'shop',
      clusterName: 'default',
      namespaceName: 'application',
      name: 'first',
    });
    expect(first.body.configurations).toEqual({ timeout: '150', batch: 'yes' });
    expect(
      (await call('app', 'POST', `${DEV_NS}/releases`, { releaseTitle: 'x', releasedBy: 'ghost' })).status,
    ).toBe(400);
    expect((await call('app', 'POST', `${DEV_NS}/releases`, { releasedBy: 'alice' })).status).toBe(400);
    await call('app', 'PUT', `${DEV_NS}/items/timeout`, {
      key: 'timeout',
      value: '200',
      dataChangeLastModifiedBy: 'alice',
    });
    const second = await call('app', 'POST', `${DEV_NS}/releases?operator=bob`, { releaseTitle: 'second' });
    expect(second.body.dataChangeCreatedBy).toBe('bob');
    expect((await call('app', 'GET', `${DEV_NS}/releases/latest`)).body.id).toBe(second.body.id);
    expect((await call('app', 'GET', `/openapi/v1/envs/DEV/releases/${first.body.id}`)).body.name).toBe(
      'first',
    );

    expect(
      (await call('none', 'PUT', `/openapi/v1/envs/DEV/releases/${second.body.id}/rollback?operator=alice`))
        .status,
    ).toBe(403);
    expect(
      (
        await call(
          'proApplication',
          'PUT',
          `/openapi/v1/envs/DEV/releases/${second.body.id}/rollback?operator=alice`,
        )
      ).status,
    ).toBe(403);
    const rolledBack = await call(
      'app',
      'PUT',
      `/openapi/v1/envs/DEV/releases/${second.body.id}/rollback?operator=alice`,
    );
    expect(rolledBack.status).toBe(200);
    expect((await call('app', 'GET', `${DEV_NS}/releases/latest`)).body.id).toBe(first.body.id);
    const active = await call('app', 'GET', `${DEV_NS}/releases/active?page=0&size=5`);
    expect(active.body.map((r: { id: number }) => r.id)).toEqual([first.body.id]);
    const fresh = '/openapi/v1/envs/PRO/apps/shop/clusters/default/namespaces/never';
    await call('app', 'POST', '/openapi/v1/apps/shop/appnamespaces', {
      name: 'never',
      dataChangeCreatedBy: 'alice',
    });
    const none = await call('app', 'GET', `${fresh}/releases/latest`);
    expect([none.status, none.body]).toEqual([200, undefined]);
  });

  it('runs a gray release: branch, rules from a whole DTO, an inherited key overridden, gray release, merge', async () => {
    const created = await call('app', 'POST', `${DEV_NS}/branches?operator=alice`);
    expect(created.status).toBe(200);
    const branch = created.body.clusterName as string;
    expect(branch).not.toBe('default');
    expect(created.body).toMatchObject({ appId: 'shop', namespaceName: 'application' });
    expect((await call('app', 'GET', `${DEV_NS}/branches`)).body.clusterName).toBe(branch);

    // Apollo's clients send the rule DTO whole: appId and the other names, nulls included.
    const rules = await call('app', 'PUT', `${DEV_NS}/branches/${branch}/rules?operator=alice`, {
      appId: 'shop',
      clusterName: 'default',
      namespaceName: 'application',
      branchName: branch,
      dataChangeCreatedBy: null,
      ruleItems: [{ clientAppId: 'orders', clientIpList: ['10.0.0.1'], clientLabelList: null }],
    });
    expect(rules.status).toBe(200);
    expect((await call('app', 'GET', `${DEV_NS}/branches/${branch}/rules`)).body).toEqual({
      appId: 'shop',
      clusterName: 'default',
      namespaceName: 'application',
      branchName: branch,
      ruleItems: [{ clientAppId: 'orders', clientIpList: ['10.0.0.1'], clientLabelList: [] }],
    });

    const BRANCH_NS = `/openapi/v1/envs/DEV/apps/shop/clusters/${branch}/namespaces/application`;
    // `timeout` is inherited from the main release: creating it in the branch overrides it.
    const override = await call('app', 'POST', `${BRANCH_NS}/items`, {
      key: 'timeout',
      value: '999',
      dataChangeCreatedBy: 'bob',
    });
    expect(override.status).toBe(200);
    expect(override.body).toMatchObject({ key: 'timeout', value: '999' });
    // …but once it is the branch's own, creating it again is refused as in Apollo.
    expect(
      (
        await call('app', 'POST', `${BRANCH_NS}/items`, {
          key: 'timeout',
          value: '1',
          dataChangeCreatedBy: 'bob',
        })
      ).status,
    ).toBe(400);
    const branchItems = await call('app', 'GET', `${DEV_NS}/branches/${branch}/items`);
    expect(branchItems.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'timeout', value: '999' })]),
    );

    const gray = await call('app', 'POST', `${DEV_NS}/branches/${branch}/releases`, {
      releaseTitle: 'gray',
      releasedBy: 'alice',
    });
    expect(gray.status).toBe(200);
    expect(gray.body).toMatchObject({
      clusterName: branch,
      configurations: { timeout: '999', batch: 'yes' },
    });

    const merged = await call('app', 'POST', `${DEV_NS}/branches/${branch}/merge?deleteBranch=true`, {
      releaseTitle: 'merged',
      releasedBy: 'alice',
    });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      clusterName: 'default',
      configurations: { timeout: '999', batch: 'yes' },
    });
    const after = await call('app', 'GET', `${DEV_NS}/branches`);
    expect([after.status, after.body]).toEqual([200, undefined]);
  });

  it('abandons a branch with ?operator=, the rules sent as a bare DTO too', async () => {
    const branch = await call('app', 'POST', `${PRO_NS}/branches?operator=alice`);
    expect(branch.status).toBe(200);
    const rules = `${PRO_NS}/branches/${branch.body.clusterName}/rules?operator=alice`;
    expect((await call('app', 'PUT', rules, { appId: 'shop', ruleItems: null })).status).toBe(200);
    expect((await call('app', 'DELETE', `${PRO_NS}/branches/${branch.body.clusterName}`)).status).toBe(400);
    expect(
      (await call('app', 'DELETE', `${PRO_NS}/branches/${branch.body.clusterName}?operator=alice`)).status,
    ).toBe(200);
    expect((await call('app', 'GET', `${PRO_NS}/branches`)).body).toBeUndefined();
  });

  it('rotates tokens and takes grants back', async () => {
    const created = await admin.post('/api/consumers', {
      appId: 'rotating-bot',
      name: 'r',
      ownerName: 'alice',
    });
    const id = created.body.id as number;
    const first = created.body.token as string;
    const grant = await admin.post(`/api/consumers/${id}/grants`, { appId: 'shop', env: 'dev' });
    expect(grant.body).toMatchObject({ appId: 'shop', namespaceName: '', env: 'DEV' });
    const second = (await admin.post(`/api/consumers/${id}/tokens`)).body.token as string;
    expect(second).not.toBe(first);
    for (const token of [first, second])
      expect((await call(token, 'GET', `${DEV_NS}/items/timeout`)).status).toBe(200);
    expect((await admin.delete(`/api/consumers/${id}/grants/${grant.body.id}`)).status).toBe(204);
    expect((await call(second, 'GET', `${DEV_NS}/items/timeout`)).status).toBe(403);
    expect((await admin.delete(`/api/consumers/${id}/tokens`)).status).toBe(204);
    for (const token of [first, second])
      expect((await call(token, 'GET', `${DEV_NS}/items/timeout`)).status).toBe(401);
    expect((await admin.delete(`/api/consumers/${id}`)).status).toBe(204);
    expect((await admin.get(`/api/consumers/${id}/grants`)).status).toBe(404);
    expect((await admin.post(`/api/consumers/${id}/tokens`)).status).toBe(404);
  });

  it('limits each token to its consumer’s rate with 429 and Retry-After', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => call('limited', 'GET', `${DEV_NS}/items/timeout`)),
    );
    const limited = answers.filter((answer) => answer.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(answers.filter((answer) => answer.status === 200).length).toBeGreaterThan(0);
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited[0]!.body).toMatchObject({ status: 429, exception: 'TooManyRequestsException' });
    // Another token is not affected.
    expect((await call('app', 'GET', `${DEV_NS}/items/timeout`)).status).toBe(200);
  });

  it('answers errors of the environments in Apollo’s shape (unknown, unreachable)', async () => {
    const unknown = await call('app', 'GET', '/openapi/v1/envs/NOPE/apps/shop/clusters/default');
    expect(unknown.body).toMatchObject({ status: 404, exception: 'NotFoundException' });
    const off = await call('app', 'GET', '/openapi/v1/envs/OFF/apps/shop/clusters/default');
    expect(off.body).toMatchObject({ status: 503, exception: 'ServiceException' });
    expect(off.headers.get('retry-after')).toBe('5');
  });

  it('records consumer writes in the portal audit', async () => {
    const audit = await admin.get('/api/audit?username=consumer:deploy-bot&size=500');
    expect(audit.body.content).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ method: 'POST', env: 'DEV', appId: 'shop', status: 200 }),
      ]),
    );
  });

  describe('every Open API route', () => {
    const samples: Record<string, string> = {
      env: 'DEV',
      appId: 'shop',
      clusterName: 'default',
      namespaceName: 'application',
      branchName: 'b',
      key: 'timeout',
      releaseId: '1',
      accessKeyId: '1',
      publicNamespaceName: 'common.db',
    };
    const sample = (route: string) =>
      route.split(' ')[1]!.replace(/:(\w+)/g, (_, name: string) => samples[name]!);

    it('is an operation of the contract, and every operation of the contract is served', () => {
      expect(
        servedOpenApiRoutes()
          .map((r) => r.route)
          .sort(),
      ).toEqual(CONTRACT.operations.map((op) => asRoute(op.method, op.path)).sort());
    });

    it('refuses a request without a token (401) and a token without a grant (403)', async () => {
      for (const { route, needs } of servedOpenApiRoutes()) {
        const method = route.split(' ')[0]!;
        const body = method === 'GET' || method === 'DELETE' ? undefined : {};
        expect([route, (await call(undefined, method, sample(route), body)).status]).toEqual([route, 401]);
        if (needs !== 'token') {
          expect([route, (await call('none', method, sample(route), body)).status]).toEqual([route, 403]);
        }
      }
    });

    it('answers each operation with the documented status and only the documented fields', async () => {
      const ns = DEV_NS;
      const release = await call('app', 'POST', `${ns}/releases`, {
        releaseTitle: 'contract',
        releasedBy: 'alice',
      });
      const oddKey = 'path/with spaces';
      const encodedOdd = Buffer.from(oddKey, 'utf8').toString('base64url');
      const requests: Record<string, () => Promise<Raw>> = {
        getEnvs: () => call('app', 'GET', '/openapi/v1/envs'),
        findApps: () => call('app', 'GET', '/openapi/v1/apps?appIds=shop'),
        createApp: () =>
          call('app', 'POST', '/openapi/v1/apps', {
            app: {
              appId: 'made',
              name: 'Made',
              orgId: 'o',
              orgName: 'O',
              ownerName: 'alice',
              ownerEmail: 'a@example.com',
            },
            admins: ['bob'],
            assignAppRoleToSelf: true,
          }),
        findAppsAuthorized: () => call('app', 'GET', '/openapi/v1/apps/authorized'),
        getApp: () => call('app', 'GET', '/openapi/v1/apps/shop'),
        getEnvClusters: () => call('app', 'GET', '/openapi/v1/apps/shop/envclusters'),
        getAppNamespacesByAppId: () => call('app', 'GET', '/openapi/v1/apps/shop/appnamespaces'),
        createAppNamespace: () =>
          call('app', 'POST', '/openapi/v1/apps/shop/appnamespaces', {
            name: 'contract',
            appId: 'shop',
            format: 'properties',
            isPublic: false,
            comment: null,
            dataChangeCreatedBy: 'alice',
          }),
        getCluster: () => call('app', 'GET', '/openapi/v1/envs/DEV/apps/shop/clusters/default'),
        createCluster: () =>
          call('app', 'POST', '/openapi/v1/envs/DEV/apps/shop/clusters', {
            name: 'c1',
            appId: 'shop',
            dataChangeCreatedBy: 'alice',
          }),
        findNamespaces: () =>
          call('app', 'GET', '/openapi/v1/envs/DEV/apps/shop/clusters/default/namespaces'),
        findNamespace: () => call('app', 'GET', ns),
        getNamespaceLock: () => call('app', 'GET', `${ns}/lock`),
        findItemsByNamespace: () => call('app', 'GET', `${ns}/items?page=0&size=10`),
        createItem: () =>
          call('app', 'POST', `${ns}/items`, { key: 'c', value: 'v', dataChangeCreatedBy: 'alice' }),
        batchUpdateItemsByText: () =>
          call('app', 'PUT', `${ns}/items`, { configText: 'timeout=1\nc=v\n', operator: 'alice' }),
        getItem: () => call('app', 'GET', `${ns}/items/timeout`),
        updateItem: () =>
          call('app', 'PUT', `${ns}/items/c`, { key: 'c', value: 'w', dataChangeLastModifiedBy: 'alice' }),
        deleteItem: () => call('app', 'DELETE', `${ns}/items/c?operator=alice`),
        getItemByEncodedKey: () =>
          call('app', 'GET', `${ns}/encodedItems/${Buffer.from('timeout').toString('base64url')}`),
        updateItemByEncodedKey: () =>
          call('app', 'PUT', `${ns}/encodedItems/${encodedOdd}?createIfNotExists=true`, {
            key: oddKey,
            value: 'x',
            dataChangeLastModifiedBy: 'alice',
          }),
        deleteItemByEncodedKey: () =>
          call('app', 'DELETE', `${ns}/encodedItems/${encodedOdd}?operator=alice`),
        createBranch: () => call('app', 'POST', `${ns}/branches?operator=alice`),
        findBranch: () => call('app', 'GET', `${ns}/branches`),
        findBranchItems: async () =>
          call(
            'app',
            'GET',
            `${ns}/branches/${(await call('app', 'GET', `${ns}/branches`)).body.clusterName}/items`,
          ),
        getBranchGrayRules: async () =>
          call(
            'app',
            'GET',
            `${ns}/branches/${(await call('app', 'GET', `${ns}/branches`)).body.clusterName}/rules`,
          ),
        updateBranchRules: async () =>
          call(
            'app',
            'PUT',
            `${ns}/branches/${(await call('app', 'GET', `${ns}/branches`)).body.clusterName}/rules?operator=alice`,
            {
              ruleItems: [{ clientAppId: 'x', clientIpList: ['*'], clientLabelList: [] }],
            },
          ),
        createGrayRelease: async () => {
          const branch = (await call('app', 'GET', `${ns}/branches`)).body.clusterName as string;
          await call(
            'app',
            'POST',
            `/openapi/v1/envs/DEV/apps/shop/clusters/${branch}/namespaces/application/items`,
            {
              key: 'grayonly',
              value: 'yes',
              dataChangeCreatedBy: 'alice',
            },
          );
          return call(
            'app',
            'POST',
            `${ns}/branches/${(await call('app', 'GET', `${ns}/branches`)).body.clusterName}/releases`,
            {
              releaseTitle: 'g',
              releasedBy: 'alice',
            },
          );
        },
        createGrayDelRelease: async () =>
          call(
            'app',
            'POST',
            `${ns}/branches/${(await call('app', 'GET', `${ns}/branches`)).body.clusterName}/gray-del-releases?operator=alice`,
            { releaseTitle: 'gd', grayDelKeys: ['grayonly'] },
          ),
        merge: async () =>
          call(
            'app',
            'POST',
            `${ns}/branches/${(await call('app', 'GET', `${ns}/branches`)).body.clusterName}/merge?deleteBranch=false`,
            {
              releaseTitle: 'm',
              releasedBy: 'alice',
            },
          ),
        mergeBranch: async () =>
          call(
            'app',
            'POST',
            `${ns}/branches/${(await call('app', 'GET', `${ns}/branches`)).body.clusterName}?deleteBranch=false`,
            {
              releaseTitle: 'm2',
              releasedBy: 'alice',
            },
          ),
        deleteBranch: async () =>
          call(
            'app',
            'DELETE',
            `${ns}/branches/${(await call('app', 'GET', `${ns}/branches`)).body.clusterName}?operator=alice`,
          ),
        createRelease: () =>
          call('app', 'POST', `${ns}/releases`, { releaseTitle: 'r', releasedBy: 'alice' }),
        loadLatestActiveRelease: () => call('app', 'GET', `${ns}/releases/latest`),
        findActiveReleases: () => call('app', 'GET', `${ns}/releases/active?page=0&size=5`),
        getReleaseById: () => call('app', 'GET', `/openapi/v1/envs/DEV/releases/${release.body.id}`),
        rollback: async () =>
          call(
            'app',
            'PUT',
            `/openapi/v1/envs/DEV/releases/${(await call('app', 'GET', `${ns}/releases/latest`)).body.id}/rollback?operator=alice`,
          ),
        updateApp: () =>
          call('app', 'PUT', '/openapi/v1/apps/shop?operator=alice', {
            appId: 'shop',
            name: 'Shop',
            orgId: 'retail',
            orgName: 'Retail',
            ownerName: 'alice',
            dataChangeCreatedTime: null,
          }),
        deleteApp: () => call('app', 'DELETE', '/openapi/v1/apps/made?operator=alice'),
        getAppsBySelf: () => call('app', 'GET', '/openapi/v1/apps/by-self?page=0&size=10'),
        getEnvClusterInfo: () => call('app', 'GET', '/openapi/v1/apps/shop/env-cluster-info'),
        createAppInEnv: async () => {
          expect(
            (await admin.post('/api/envs/DEV/apps', { appId: 'solo', name: 'Solo', ownerName: 'alice' }))
              .status,
          ).toBe(201);
          return call('app', 'POST', '/openapi/v1/apps/envs/PRO?operator=alice', {
            appId: 'solo',
            name: 'Solo',
            ownerName: 'alice',
          });
        },
        findMissEnvs: () => call('app', 'GET', '/openapi/v1/apps/shop/miss-envs'),
        getOrganization: () => call('app', 'GET', '/openapi/v1/organizations'),
        compareItems: () =>
          call('app', 'POST', `${ns}/items/diff`, {
            syncToNamespaces: [
              { appId: 'shop', env: 'PRO', clusterName: 'default', namespaceName: 'application' },
            ],
            syncItems: [{ key: 'timeout', value: '7' }],
          }),
        syncItems: () =>
          call('app', 'POST', `${ns}/items/synchronize?operator=alice`, {
            syncToNamespaces: [
              { appId: 'shop', env: 'PRO', clusterName: 'default', namespaceName: 'application' },
            ],
            syncItems: [{ key: 'synced', value: 'yes' }],
          }),
        syntaxCheck: () =>
          call('app', 'POST', `${ns}/items/validation`, { format: 'json', configText: '{"a": 1}' }),
        revertItems: () => call('app', 'POST', `${ns}/items/revocation?operator=alice`),
        deleteCluster: () =>
          call('app', 'DELETE', '/openapi/v1/envs/DEV/apps/shop/clusters/c1?operator=alice'),
        compareRelease: async () =>
          call(
            'app',
            'GET',
            `/openapi/v1/envs/DEV/releases/comparison?baseReleaseId=${release.body.id}&toCompareReleaseId=${(await call('app', 'GET', `${ns}/releases/latest`)).body.id}`,
          ),
        getInstanceCountByNamespace: () => call('app', 'GET', `${ns}/instances`),
        getByRelease: () =>
          call(
            'app',
            'GET',
            `/openapi/v1/envs/DEV/instances/by-release?releaseId=${release.body.id}&page=0&size=10`,
          ),
        getByNamespace: () =>
          call(
            'app',
            'GET',
            '/openapi/v1/envs/DEV/instances/by-namespace?appId=shop&clusterName=default&namespaceName=application&page=0&size=10',
          ),
        getByReleasesAndNamespaceNotIn: () =>
          call(
            'app',
            'GET',
            `/openapi/v1/envs/DEV/instances/by-namespace-and-releases-not-in?appId=shop&clusterName=default&namespaceName=application&releaseIds=${release.body.id}`,
          ),
        getNamespacesReleaseStatus: () =>
          call('app', 'GET', '/openapi/v1/apps/shop/namespaces/releases/status'),
        getAppNamespaces: () => call('app', 'GET', '/openapi/v1/appnamespaces'),
        findAppNamespace: () => call('app', 'GET', '/openapi/v1/apps/shop/appnamespaces/application'),
        findAppNamespaceUsage: () =>
          call('app', 'GET', '/openapi/v1/apps/shop/appnamespaces/application/usage'),
        findNamespaceUsage: () =>
          call('app', 'GET', '/openapi/v1/apps/shop/envs/DEV/clusters/default/namespaces/application/usage'),
        findPublicNamespaceForAssociatedNamespace: async () => {
          expect(
            (await admin.post('/api/envs/DEV/apps', { appId: 'common', name: 'Common', ownerName: 'alice' }))
              .status,
          ).toBe(201);
          expect(
            (
              await admin.post('/api/envs/DEV/apps/common/appnamespaces', {
                name: 'common.db',
                isPublic: true,
              })
            ).status,
          ).toBe(201);
          expect(
            (
              await admin.post('/api/envs/DEV/apps/shop/associated-namespaces', {
                namespaceName: 'common.db',
              })
            ).status,
          ).toBe(201);
          return call(
            'app',
            'GET',
            '/openapi/v1/envs/DEV/apps/shop/clusters/default/namespaces/common.db/associated-public-namespace',
          );
        },
        deleteNamespace: () =>
          call(
            'app',
            'DELETE',
            '/openapi/v1/apps/shop/envs/DEV/clusters/default/namespaces/contract?operator=alice',
          ),
        findMissingNamespaces: () =>
          call('app', 'GET', '/openapi/v1/apps/shop/envs/DEV/clusters/default/missing-namespaces'),
        createNamespaces: () =>
          call('app', 'POST', '/openapi/v1/namespaces?operator=alice', [
            { appId: 'shop', env: 'DEV', clusterName: 'default', appNamespaceName: 'contract' },
          ]),
        createMissingNamespaces: () =>
          call(
            'app',
            'POST',
            '/openapi/v1/apps/shop/envs/DEV/clusters/default/missing-namespaces?operator=alice',
          ),
        getPublicAppNamespaceInstances: () =>
          call('app', 'GET', '/openapi/v1/envs/DEV/appnamespaces/common.db/instances?page=0&size=10'),
        deleteAppNamespace: () =>
          call('app', 'DELETE', '/openapi/v1/apps/shop/appnamespaces/contract?operator=alice'),
        createAccessKey: () =>
          call('app', 'POST', '/openapi/v1/apps/shop/envs/DEV/accesskeys?operator=alice'),
        findAccessKeys: () => call('app', 'GET', '/openapi/v1/apps/shop/envs/DEV/accesskeys'),
        enableAccessKey: async () => {
          const keys = (await call('app', 'GET', '/openapi/v1/apps/shop/envs/DEV/accesskeys')).body as Array<{
            id: number;
          }>;
          return call(
            'app',
            'PUT',
            `/openapi/v1/apps/shop/envs/DEV/accesskeys/${keys[0]!.id}/activation?mode=1&operator=alice`,
          );
        },
        disableAccessKey: async () => {
          const keys = (await call('app', 'GET', '/openapi/v1/apps/shop/envs/DEV/accesskeys')).body as Array<{
            id: number;
          }>;
          return call(
            'app',
            'PUT',
            `/openapi/v1/apps/shop/envs/DEV/accesskeys/${keys[0]!.id}/deactivation?operator=alice`,
          );
        },
        deleteAccessKey: async () => {
          const keys = (await call('app', 'GET', '/openapi/v1/apps/shop/envs/DEV/accesskeys')).body as Array<{
            id: number;
          }>;
          return call(
            'app',
            'DELETE',
            `/openapi/v1/apps/shop/envs/DEV/accesskeys/${keys[0]!.id}?operator=alice`,
          );
        },
        hasRootPermission: () => call('app', 'GET', '/openapi/v1/permissions/root?userId=admin'),
        hasAppPermission: () =>
          call('app', 'GET', '/openapi/v1/apps/shop/permissions/CreateCluster?userId=alice'),
        hasNamespacePermission: () =>
          call(
            'app',
            'GET',
            '/openapi/v1/apps/shop/namespaces/application/permissions/ModifyNamespace?userId=bob',
          ),
        hasEnvNamespacePermission: () =>
          call(
            'app',
            'GET',
            '/openapi/v1/apps/shop/envs/DEV/namespaces/application/permissions/ModifyNamespace?userId=bob',
          ),
        hasClusterNamespacePermission: () =>
          call(
            'app',
            'GET',
            '/openapi/v1/apps/shop/envs/DEV/clusters/default/namespaces/permissions/ReleaseNamespacesInCluster?userId=bob',
          ),
        hasCreateApplicationPermission: () =>
          call('app', 'GET', '/openapi/v1/system/roles/create-application?userId=alice'),
        isManageAppMasterPermissionEnabled: () =>
          call('app', 'GET', '/openapi/v1/system/role/manage-app-master'),
        assignAppRoleToUser: () =>
          call('app', 'POST', '/openapi/v1/apps/shop/roles/Master?userId=bob&operator=alice'),
        getAppRoles: () => call('app', 'GET', '/openapi/v1/apps/shop/role-users'),
        removeAppRoleFromUser: () =>
          call('app', 'DELETE', '/openapi/v1/apps/shop/roles/Master?userId=bob&operator=alice'),
        assignNamespaceRoleToUser: () =>
          call(
            'app',
            'POST',
            '/openapi/v1/apps/shop/namespaces/application/roles/ModifyNamespace?userId=bob&operator=alice',
          ),
        getNamespaceRoles: () =>
          call('app', 'GET', '/openapi/v1/apps/shop/namespaces/application/role-users'),
        removeNamespaceRoleFromUser: () =>
          call(
            'app',
            'DELETE',
            '/openapi/v1/apps/shop/namespaces/application/roles/ModifyNamespace?userId=bob&operator=alice',
          ),
        assignNamespaceEnvRoleToUser: () =>
          call(
            'app',
            'POST',
            '/openapi/v1/apps/shop/envs/DEV/namespaces/application/roles/ReleaseNamespace?userId=bob&operator=alice',
          ),
        getNamespaceEnvRoleUsers: () =>
          call('app', 'GET', '/openapi/v1/apps/shop/envs/DEV/namespaces/application/role-users'),
        removeNamespaceEnvRoleFromUser: () =>
          call(
            'app',
            'DELETE',
            '/openapi/v1/apps/shop/envs/DEV/namespaces/application/roles/ReleaseNamespace?userId=bob&operator=alice',
          ),
        assignClusterNamespaceRoleToUser: () =>
          call(
            'app',
            'POST',
            '/openapi/v1/apps/shop/envs/DEV/clusters/default/roles/ModifyNamespacesInCluster?userId=bob&operator=alice',
          ),
        getClusterNamespaceRoles: () =>
          call('app', 'GET', '/openapi/v1/apps/shop/envs/DEV/clusters/default/namespaces/role-users'),
        removeClusterNamespaceRoleFromUser: () =>
          call(
            'app',
            'DELETE',
            '/openapi/v1/apps/shop/envs/DEV/clusters/default/roles/ModifyNamespacesInCluster?userId=bob&operator=alice',
          ),
        initAppPermission: () =>
          call('app', 'POST', '/openapi/v1/apps/shop/namespaces/application/permission-init?operator=alice'),
        initClusterNamespacePermission: () =>
          call(
            'app',
            'POST',
            '/openapi/v1/apps/shop/envs/DEV/clusters/default/namespaces/permission-init?operator=alice',
          ),
      };
      // A consumer is never a super administrator: these answer 403 to every token, as in Apollo.
      const superAdminOnly = [
        'getCreateApplicationRoleUsers',
        'addCreateApplicationRoleToUsers',
        'deleteCreateApplicationRoleFromUser',
        'addManageAppMasterRoleToUser',
        'removeManageAppMasterRoleFromUser',
      ];
      for (const id of superAdminOnly) {
        const operation = CONTRACT.operations.find((op) => op.operationId === id)!;
        const answer = await call(
          'app',
          operation.method,
          operation.path.replace('{appId}', 'shop') + '?userId=bob&operator=alice',
          operation.method === 'POST' ? ['bob'] : undefined,
        );
        expect([id, answer.status, answer.body.message]).toEqual([
          id,
          403,
          'Super admin permission is required',
        ]);
      }
      expect([...Object.keys(requests), ...superAdminOnly].sort()).toEqual(
        CONTRACT.operations.map((op) => op.operationId).sort(),
      );
      const problems: string[] = [];
      // In the order of `requests`: a branch is created before it is read, merged and deleted.
      for (const operation of Object.keys(requests).map((id) =>
        CONTRACT.operations.find((op) => op.operationId === id)!,
      )) {
        const answer = await requests[operation.operationId]!();
        if (answer.status !== operation.status) {
          problems.push(`${operation.operationId}: ${answer.status} ${JSON.stringify(answer.body)}`);
          continue;
        }
        if (operation.answers === null) continue;
        if (answer.body === undefined) problems.push(`${operation.operationId}: no answer`);
        problems.push(
          ...undocumented(answer.body, operation.answers).map((p) => `${operation.operationId}: ${p}`),
        );
      }
      expect(problems).toEqual([]);
    });
  });
  it('checks namespaces made, deleted or listed per cluster against the grants, writing nothing when refused', async () => {
    expect((await admin.post('/api/envs/DEV/apps/shop/appnamespaces', { name: 'percluster' })).status).toBe(
      201,
    );
    const entry = { appId: 'shop', env: 'DEV', clusterName: 'default', appNamespaceName: 'percluster' };
    const deletePath = '/openapi/v1/apps/shop/envs/DEV/clusters/default/namespaces/percluster?operator=alice';
    // A namespace grant is not the whole app, nor is a grant on another environment.
    for (const who of ['none', 'proApplication']) {
      expect([who, (await call(who, 'DELETE', deletePath)).status]).toEqual([who, 403]);
    }
    // As Apollo with a consumer token: the operator is required and must exist, though the spec
    // marks it optional (for Apollo's personal user tokens); nothing is deleted or made without it.
    const withoutOperator = deletePath.replace('?operator=alice', '');
    expect((await call('app', 'DELETE', withoutOperator)).body).toMatchObject({
      status: 400,
      message: 'operator should not be null or empty',
    });
    expect((await call('app', 'DELETE', `${withoutOperator}?operator=ghost`)).body).toMatchObject({
      status: 400,
      message: "User ghost doesn't exist!",
    });
    const missing = '/openapi/v1/apps/shop/envs/DEV/clusters/default/missing-namespaces';
    expect((await call('app', 'GET', missing)).body).toEqual([]);
    expect((await call('app', 'DELETE', deletePath)).status).toBe(200);
    expect((await call('none', 'GET', missing)).status).toBe(403);
    expect((await call('app', 'GET', missing)).body).toEqual(['percluster']);
    expect((await call('app', 'POST', missing)).body).toMatchObject({
      status: 400,
      message: 'operator should not be null or empty',
    });
    expect((await call('app', 'GET', missing)).body).toEqual(['percluster']);
    // Every entry of a batch is checked before anything is made.
    const refused = await call('proApplication', 'POST', '/openapi/v1/namespaces?operator=alice', [entry]);
    expect(refused.body).toMatchObject({ status: 403, exception: 'AccessDeniedException' });
    const mixed = await call('app', 'POST', '/openapi/v1/namespaces?operator=alice', [
      { ...entry, appId: 'common', appNamespaceName: 'application' },
      entry,
    ]);
    expect(mixed.status).toBe(403);
    expect((await call('app', 'GET', missing)).body).toEqual(['percluster']);
    for (const body of [[], {}, [{ ...entry, clusterName: '' }], [{ ...entry, env: 'NOPE' }]]) {
      const bad = await call('app', 'POST', '/openapi/v1/namespaces?operator=alice', body);
      expect([JSON.stringify(body), bad.status]).toEqual([JSON.stringify(body), 400]);
    }
    expect((await call('app', 'POST', '/openapi/v1/namespaces', [entry])).body).toMatchObject({
      status: 400,
      message: 'operator should not be null or empty',
    });
    expect((await call('app', 'POST', '/openapi/v1/namespaces?operator=alice', [entry])).status).toBe(200);
    expect((await call('app', 'GET', missing)).body).toEqual([]);
    // A public namespace's instances: only the apps the token may read.
    const instances = '/openapi/v1/envs/DEV/appnamespaces/common.db/instances?page=0&size=10';
    expect((await call('none', 'GET', instances)).body).toEqual([]);
    const seen = (await call('app', 'GET', instances)).body as Array<{ appId: string }>;
    expect(seen.map((ns) => ns.appId)).toEqual(expect.arrayContaining(['shop']));
    expect(seen.map((ns) => ns.appId)).not.toContain('common');
  });

  it('checks the newer operations against the grants and does what Apollo does', async () => {
    // App update: the body must name the path's app; the whole-app grant is needed.
    const mismatch = await call('app', 'PUT', '/openapi/v1/apps/shop?operator=alice', {
      appId: 'other',
      name: 'x',
    });
    expect(mismatch.body).toMatchObject({
      status: 400,
      message: 'The App Id of path variable and request body is different',
    });
    expect(
      (
        await call('proApplication', 'PUT', '/openapi/v1/apps/shop?operator=alice', {
          appId: 'shop',
          name: 'x',
        })
      ).status,
    ).toBe(403);
    expect(
      (await call('app', 'PUT', '/openapi/v1/apps/shop', { appId: 'shop', name: 'x' })).body,
    ).toMatchObject({
      status: 400,
      message: 'operator should not be null or empty',
    });
    const renamed = await call('app', 'PUT', '/openapi/v1/apps/shop?operator=alice', {
      appId: 'shop',
      name: 'Shop renamed',
    });
    expect(renamed.status).toBe(200);
    expect((await call('app', 'GET', '/openapi/v1/apps/shop')).body.name).toBe('Shop renamed');
    // Deleting an app needs the whole app in every environment: a grant limited to one is refused.
    const devOnly = await consumer('dev-only-bot', [{ appId: 'shop', env: 'DEV' }]);
    expect((await call(devOnly, 'DELETE', '/openapi/v1/apps/shop?operator=alice')).status).toBe(403);
    expect((await call('app', 'DELETE', '/openapi/v1/apps/nothing-here?operator=alice')).status).toBe(403);

    // Access keys: the secret is shown once, the grant is the whole app in that environment.
    const key = await call('app', 'POST', '/openapi/v1/apps/shop/envs/PRO/accesskeys?operator=alice');
    expect(key.status).toBe(200);
    expect(key.body).toMatchObject({
      appId: 'shop',
      enabled: false,
      secret: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const listed = await call('app', 'GET', '/openapi/v1/apps/shop/envs/PRO/accesskeys');
    expect(JSON.stringify(listed.body)).not.toContain(key.body.secret);
    expect((await call('proApplication', 'GET', '/openapi/v1/apps/shop/envs/PRO/accesskeys')).status).toBe(
      403,
    );
    const keyPath = `/openapi/v1/apps/shop/envs/PRO/accesskeys/${key.body.id}`;
    expect((await call('app', 'PUT', `${keyPath}/activation?mode=1&operator=alice`)).status).toBe(200);
    expect((await call('app', 'GET', '/openapi/v1/apps/shop/envs/PRO/accesskeys')).body).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: key.body.id, enabled: true, mode: 1 })]),
    );
    expect((await call('app', 'DELETE', `${keyPath}?operator=alice`)).status).toBe(400);
    expect((await call('app', 'PUT', `${keyPath}/deactivation?operator=alice`)).status).toBe(200);
    expect((await call('app', 'DELETE', `${keyPath}?operator=alice`)).status).toBe(200);

    // Sync writes the items into the other environment (modify there is needed), diff says what it would do.
    const sync = {
      syncToNamespaces: [{ appId: 'shop', env: 'PRO', clusterName: 'default', namespaceName: 'application' }],
      syncItems: [{ key: 'region', value: 'eu' }],
    };
    const diff = await call('app', 'POST', `${DEV_NS}/items/diff`, sync);
    expect(diff.body).toEqual([
      expect.objectContaining({
        namespace: expect.objectContaining({ env: 'PRO', namespaceName: 'application' }),
        createItems: [expect.objectContaining({ key: 'region', value: 'eu' })],
        updateItems: [],
      }),
    ]);
    expect((await call(devOnly, 'POST', `${DEV_NS}/items/synchronize?operator=alice`, sync)).status).toBe(
      403,
    );
    expect(
      (await call('app', 'POST', `${DEV_NS}/items/synchronize?operator=alice`, { syncItems: [] })).body,
    ).toMatchObject({
      status: 400,
      message: 'request model is invalid',
    });
    expect((await call('app', 'POST', `${DEV_NS}/items/synchronize?operator=alice`, sync)).status).toBe(200);
    expect((await call('app', 'GET', `${PRO_NS}/items/region`)).body).toMatchObject({ value: 'eu' });

    // Publish tips: PRO's default cluster now has an unreleased change, until it is revoked.
    const tips = '/openapi/v1/apps/shop/namespaces/releases/status';
    expect((await call('app', 'GET', tips)).body.PRO).toMatchObject({ default: true });
    // Revocation: unreleased edits go back to the active release.
    await call('app', 'POST', `${PRO_NS}/items/revocation?operator=alice`);
    expect((await call('app', 'GET', tips)).body.PRO).toMatchObject({ default: false });
    expect((await call('app', 'GET', `${PRO_NS}/items/region`)).status).toBe(404);
    expect((await call('none', 'POST', `${PRO_NS}/items/revocation?operator=alice`)).status).toBe(403);

    // Syntax check in the namespace's format, or the one the body names.
    expect(
      (await call('app', 'POST', `${DEV_NS}/items/validation`, { format: 'json', configText: '{"a": ' }))
        .status,
    ).toBe(400);
    expect(
      (await call('app', 'POST', `${DEV_NS}/items/validation`, { format: 'yaml', configText: 'a: 1' }))
        .status,
    ).toBe(200);

    // Release comparison, and the instances routes, need grants on the release's namespace.
    const first = await call('app', 'POST', `${PRO_NS}/releases`, {
      releaseTitle: 'c1',
      releasedBy: 'alice',
      isEmergencyPublish: true,
    });
    await call('app', 'PUT', `${PRO_NS}/items/region?createIfNotExists=true`, {
      key: 'region',
      value: 'us',
      dataChangeLastModifiedBy: 'alice',
    });
    const second = await call('app', 'POST', `${PRO_NS}/releases`, {
      releaseTitle: 'c2',
      releasedBy: 'alice',
      isEmergencyPublish: true,
    });
    const compared = await call(
      'app',
      'GET',
      `/openapi/v1/envs/PRO/releases/comparison?baseReleaseId=${first.body.id}&toCompareReleaseId=${second.body.id}`,
    );
    expect(compared.body.changes).toEqual(
      expect.arrayContaining([{ changeType: 'ADDED', key: 'region', newValue: 'us' }]),
    );
    expect(
      (
        await call(
          'none',
          'GET',
          `/openapi/v1/envs/PRO/releases/comparison?baseReleaseId=${first.body.id}&toCompareReleaseId=${second.body.id}`,
        )
      ).status,
    ).toBe(403);
    const byRelease = `/openapi/v1/envs/PRO/instances/by-release?releaseId=${second.body.id}&page=0&size=5`;
    expect((await call('proApplication', 'GET', byRelease)).body).toEqual({
      page: 0,
      size: 5,
      total: 0,
      instances: [],
    });
    expect((await call('none', 'GET', byRelease)).status).toBe(403);
    const byNamespace =
      '/openapi/v1/envs/DEV/instances/by-namespace?appId=shop&clusterName=default&namespaceName=application&page=0&size=5';
    expect((await call('proApplication', 'GET', byNamespace)).status).toBe(403);
    expect((await call('app', 'GET', '/openapi/v1/envs/DEV/instances/by-namespace?appId=shop')).status).toBe(
      400,
    );
    expect((await call('app', 'GET', `${PRO_NS}/instances`)).body).toBe(0);

    // Clusters: deleting one needs the whole app.
    await call('app', 'POST', '/openapi/v1/envs/PRO/apps/shop/clusters', {
      name: 'old',
      dataChangeCreatedBy: 'alice',
    });
    expect(
      (await call('proApplication', 'DELETE', '/openapi/v1/envs/PRO/apps/shop/clusters/old?operator=alice'))
        .status,
    ).toBe(403);
    expect(
      (await call('app', 'DELETE', '/openapi/v1/envs/PRO/apps/shop/clusters/old?operator=alice')).status,
    ).toBe(200);
    expect((await call('app', 'GET', '/openapi/v1/envs/PRO/apps/shop/clusters/old')).status).toBe(404);
    // Roles given through the Open API are the portal's own roles.
    const roles = '/openapi/v1/apps/shop/envs/PRO/namespaces/application/roles';
    expect(
      (await call('proApplication', 'POST', `${roles}/ModifyNamespace?userId=bob&operator=alice`)).status,
    ).toBe(403);
    expect((await call('app', 'POST', `${roles}/Owner?userId=bob&operator=alice`)).body).toMatchObject({
      status: 400,
      message: 'invalid roleType format:Owner',
    });
    expect((await call('app', 'POST', `${roles}/ModifyNamespace?userId=ghost&operator=alice`)).status).toBe(
      400,
    );
    expect((await call('app', 'POST', `${roles}/ModifyNamespace?userId=bob&operator=alice`)).status).toBe(
      200,
    );
    expect(
      (await call('app', 'POST', `${roles}/ModifyNamespace?userId=bob&operator=alice`)).body,
    ).toMatchObject({
      status: 400,
      message: 'bob already authorized',
    });
    const held = await call('app', 'GET', '/openapi/v1/apps/shop/envs/PRO/namespaces/application/role-users');
    expect(held.body.modifyRoleUsers).toEqual([
      { userId: 'bob', name: 'bob', email: expect.any(String), enabled: 1 },
    ]);
    const check =
      '/openapi/v1/apps/shop/envs/PRO/namespaces/application/permissions/ModifyNamespace?userId=bob';
    expect((await call('app', 'GET', check)).body).toEqual({ hasPermission: true });
    const bob = await PortalClient.signedIn(portal.url, 'bob', password('bob'));
    const bobEdit = await bob.post('/api/envs/PRO/apps/shop/clusters/default/namespaces/application/items', {
      key: 'by-bob',
      value: '1',
    });
    expect(bobEdit.status).toBe(201);
    expect((await call('app', 'DELETE', `${roles}/ModifyNamespace?userId=bob&operator=alice`)).status).toBe(
      200,
    );
    expect((await call('app', 'GET', check)).body).toEqual({ hasPermission: false });
    expect(
      (
        await bob.post('/api/envs/PRO/apps/shop/clusters/default/namespaces/application/items', {
          key: 'again',
          value: '1',
        })
      ).status,
    ).toBe(403);
  });
});
