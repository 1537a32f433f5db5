import { randomBytes } from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { PortalClient } from '../test-support/portal-client';
import type { PortalTestServer } from '../test-support/portal-test-server';
import {
  startTwoEnvironmentPortal,
  userPassword as password,
  type TwoEnvironmentPortal,
} from '../test-support/two-environment-portal';

// Two environments start as processes of their own: slow on a busy machine.
jest.setTimeout(180_000);

const ns = (env: string, cluster = 'default', namespace = 'application') =>
  `/api/envs/${env}/apps/shop/clusters/${cluster}/namespaces/${namespace}`;

describe('export and import in Apollo’s zip layout, over HTTP with two environments', () => {
  let fixture: TwoEnvironmentPortal;
  let portal: PortalTestServer;
  let admin: PortalClient;
  let as: Record<string, PortalClient> = {};

  async function download(client: PortalClient, query: string) {
    const response = await fetch(`${portal.url}/api/apps/shop/export${query}`, {
      headers: { cookie: client.cookie! },
    });
    return { response, zip: new Uint8Array(await response.arrayBuffer()) };
  }

  async function upload(client: PortalClient, zip: Uint8Array, query: string) {
    const response = await fetch(`${portal.url}/api/apps/shop/import${query}`, {
      method: 'POST',
      headers: {
        cookie: client.cookie!,
        'x-csrf-token': client.csrfToken!,
        'content-type': 'application/zip',
      },
      body: zip,
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  const text = async (env: string, cluster?: string, namespace?: string) =>
    (await admin.get(ns(env, cluster, namespace))).body.configText as string;

  beforeAll(async () => {
    // The admin-services take values of 1000 characters at most: the portal checks only its own
    // (larger) limits, so such a value is refused in the middle of an import.
    fixture = await startTwoEnvironmentPortal({
      houston: {
        HOUSTON_ITEM_VALUE_MAX_LENGTH: '1000',
        HOUSTON_SECRET_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      },
      portal: {
        HOUSTON_PORTAL_ENV_TIMEOUT: '2s',
        HOUSTON_PORTAL_MEMBER_ONLY_ENVS: 'PRO',
        HOUSTON_PORTAL_IMPORT_MAX_ENTRY_BYTES: '100000',
        HOUSTON_PORTAL_IMPORT_MAX_TOTAL_BYTES: '300000',
      },
      users: ['ed', 'nobody'],
      apps: [{ appId: 'shop', name: 'Shop' }],
    });
    ({ portal, admin, as } = fixture);
    expect((await admin.post('/api/envs/DEV/apps/shop/clusters', { name: 'sh' })).status).toBe(201);
    expect((await admin.post('/api/envs/DEV/apps/shop/appnamespaces', { name: 'extra' })).status).toBe(201);
    const put = (env: string, configText: string, cluster?: string, namespace?: string) =>
      admin.put(`${ns(env, cluster, namespace)}/items`, { configText });
    expect((await put('DEV', '# shop\na = 1\nb = 2')).status).toBe(200);
    expect((await put('DEV', 'x = 9', 'sh')).status).toBe(200);
    expect((await put('DEV', 'e = 5', 'default', 'extra')).status).toBe(200);
    const grant = { username: 'ed', role: 'ModifyNamespace', namespace: 'application' };
    expect((await admin.post('/api/apps/shop/roles', grant)).status).toBe(201);
  });
  afterAll(() => fixture?.stop());

  it("exports an environment in Apollo's layout", async () => {
    const { response, zip } = await download(admin, '?envs=DEV');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual([
      'admin/shop/DEV/default.cluster.metadata',
      'admin/shop/DEV/sh.cluster.metadata',
      'admin/shop/DEV/shop+default+application.properties',
      'admin/shop/DEV/shop+default+extra.properties',
      'admin/shop/DEV/shop+sh+application.properties',
      'admin/shop/DEV/shop+sh+extra.properties',
      'admin/shop/app.metadata',
      'shop+application.appnamespace.metadata',
      'shop+extra.appnamespace.metadata',
    ]);
    expect(JSON.parse(strFromU8(files['admin/shop/DEV/shop+default+application.properties']!))).toEqual([
      { key: '', value: '', comment: '# shop', lineNum: 1 },
      { key: 'a', value: '1', comment: '', lineNum: 2 },
      { key: 'b', value: '2', comment: '', lineNum: 3 },
    ]);
    expect(JSON.parse(strFromU8(files['admin/shop/app.metadata']!))).toMatchObject({
      appId: 'shop',
      ownerName: 'admin',
    });
  });

  it('exports one cluster, or one namespace', async () => {
    const cluster = unzipSync((await download(admin, '?envs=DEV&cluster=sh')).zip);
    expect(
      Object.keys(cluster)
        .filter((p) => p.includes('/DEV/'))
        .sort(),
    ).toEqual([
      'admin/shop/DEV/sh.cluster.metadata',
      'admin/shop/DEV/shop+sh+application.properties',
      'admin/shop/DEV/shop+sh+extra.properties',
    ]);
    const one = unzipSync((await download(admin, '?envs=DEV&namespace=extra')).zip);
    expect(
      Object.keys(one)
        .filter((p) => p.endsWith('.properties'))
        .sort(),
    ).toEqual(['admin/shop/DEV/shop+default+extra.properties', 'admin/shop/DEV/shop+sh+extra.properties']);
  });

  it('never exports values the user may not see, and says which environment it left out', async () => {
    const { response, zip } = await download(as['nobody']!, '?envs=DEV,PRO');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-houston-export-skipped')).toMatch(
      /PRO: values in PRO are shown to members of shop only/,
    );
    expect(Object.keys(unzipSync(zip)).some((path) => path.includes('/PRO/'))).toBe(false);
  });

  it('names an environment that cannot be reached: refused when asked for, else left out and named', async () => {
    const { response, zip } = await download(admin, '?envs=DEV,OFF');
    expect(response.status).toBe(503);
    expect(JSON.parse(Buffer.from(zip).toString()).message).toMatch(/OFF is unreachable/);
    // Not asked for by name, it is left out and named.
    const all = await download(admin, '');
    expect(all.response.status).toBe(200);
    expect(all.response.headers.get('x-houston-export-skipped')).toMatch(
      /OFF: environment OFF is unreachable/,
    );
    expect(Object.keys(unzipSync(all.zip)).some((path) => path.includes('/DEV/'))).toBe(true);
  });

  it('round trip: exported from DEV, imported into PRO, compares equal', async () => {
    const { zip } = await download(admin, '?envs=DEV');
    const imported = await upload(admin, zip, '?conflictAction=cover&env=PRO');
    expect(imported.status).toBe(201);
    expect(imported.body.createdClusters).toEqual([{ env: 'PRO', cluster: 'sh' }]);
    expect(imported.body.createdAppNamespaces).toEqual([{ env: 'PRO', namespace: 'extra' }]);
    expect(imported.body.namespaces.map((n: { status: string }) => n.status)).toEqual([
      'imported',
      'imported',
      'imported',
      'unchanged',
    ]);
    for (const [cluster, namespace] of [
      ['default', 'application'],
      ['default', 'extra'],
      ['sh', 'application'],
    ] as const) {
      const compared = await admin.get(`${ns('DEV', cluster, namespace)}/compare?targets=PRO:${cluster}`);
      const [target] = compared.body.targets;
      expect(target.status).toBe('ok');
      expect(Object.keys(target.counts)).toEqual(['same']);
    }
    expect(await text('PRO')).toBe('# shop\na = 1\nb = 2');
  });

  it('ignore leaves a namespace that has items; cover writes the archive’s keys and keeps the others', async () => {
    await admin.put(`${ns('PRO')}/items`, { configText: '# shop\na = changed\nb = 2\np = only-in-pro' });
    const { zip } = await download(admin, '?envs=DEV&cluster=default&namespace=application');
    const ignored = await upload(admin, zip, '?conflictAction=ignore&env=PRO');
    expect(ignored.status).toBe(201);
    expect(ignored.body.namespaces).toEqual([
      { env: 'PRO', cluster: 'default', namespace: 'application', status: 'skipped' },
    ]);
    expect(await text('PRO')).toBe('# shop\na = changed\nb = 2\np = only-in-pro');
    const covered = await upload(admin, zip, '?conflictAction=cover&env=PRO');
    expect(covered.body.namespaces[0].status).toBe('imported');
    expect(await text('PRO')).toBe('# shop\na = 1\nb = 2\np = only-in-pro');
  });

  it('refuses a zip bomb with 413 and imports nothing', async () => {
    const before = await text('PRO');
    const bomb = zipSync(
      {
        'admin/shop/PRO/shop+default+application.properties': strToU8(
          `[{"key":"a","value":"${' '.repeat(20_000_000)}"}]`,
        ),
      },
      { level: 9 },
    );
    expect(bomb.length).toBeLessThan(100_000);
    const answer = await upload(admin, bomb, '?conflictAction=cover');
    expect(answer.status).toBe(413);
    expect(answer.body.message).toMatch(/inflates to more than 100000 bytes/);
    expect(await text('PRO')).toBe(before);
  });

  it('refuses paths that leave the archive, entries of another app and unknown settings', async () => {
    const item = strToU8('[{"key":"a","value":"1"}]');
    const traversal = await upload(
      admin,
      zipSync({ '../../etc/shop+default+application.properties': item }),
      '?conflictAction=cover',
    );
    expect(traversal.status).toBe(400);
    expect(traversal.body.message).toMatch(/leaves the archive/);
    const other = await upload(
      admin,
      zipSync({ 'admin/other/PRO/other+default+application.properties': item }),
      '?conflictAction=cover',
    );
    expect(other.status).toBe(400);
    expect((await upload(admin, zipSync({ a: item }), '?conflictAction=merge')).status).toBe(400);
    expect((await upload(admin, strToU8('not a zip'), '?conflictAction=cover')).status).toBe(400);
  });

  it('all or nothing: a namespace refused in the middle of an import undoes the ones before it', async () => {
    const before = await text('PRO');
    const commits = async () => ((await admin.get(`${ns('PRO')}/commits?size=200`)).body as unknown[]).length;
    const commitsBefore = await commits();
    const definitions = (await admin.get('/api/envs/PRO/apps/shop/appnamespaces')).body.map(
      (d: { name: string }) => d.name,
    );
    const zip = zipSync({
      'admin/shop/PRO/shop+default+application.properties': strToU8('[{"key":"a","value":"written first"}]'),
      // Created, then refused by the admin-service (its values are 1000 characters at most).
      'admin/shop/PRO/shop+default+zlast.properties': strToU8(
        `[{"key":"big","value":"${'x'.repeat(1500)}"}]`,
      ),
    });
    const answer = await upload(admin, zip, '?conflictAction=cover');
    expect(answer.status).toBe(409);
    expect(answer.body.message).toMatch(/the import failed and was undone/);
    // It was written, then written back: two edits, and the text it had.
    expect(await commits()).toBe(commitsBefore + 2);
    expect(answer.body.details).toMatchObject({ undone: true, stillChanged: [] });
    expect(await text('PRO')).toBe(before);
    const after = (await admin.get('/api/envs/PRO/apps/shop/appnamespaces')).body.map(
      (d: { name: string }) => d.name,
    );
    expect(after).toEqual(definitions);
  });

  it('checks every target before writing: one it may not touch refuses the whole import', async () => {
    const before = await text('PRO');
    const zip = zipSync({
      'admin/shop/PRO/shop+default+application.properties': strToU8('[{"key":"a","value":"by ed"}]'),
      'admin/shop/PRO/shop+default+extra.properties': strToU8('[{"key":"e","value":"by ed"}]'),
    });
    const answer = await upload(as['ed']!, zip, '?conflictAction=cover');
    expect(answer.status).toBe(403);
    expect(answer.body.message).toMatch(/modify PRO\/default\/extra/);
    expect(await text('PRO')).toBe(before);
  });
  it('exports a gray branch with its rules and items, and imports it back as a branch of its own', async () => {
    const branched = await admin.post(`${ns('DEV')}/branches`, {});
    expect(branched.status).toBe(201);
    const devBranch = branched.body.branchName as string;
    const onBranch = `${ns('DEV')}/branches/${devBranch}`;
    // A branch starts as the released configuration (none here): its items are its own.
    expect((await admin.post(`${onBranch}/items`, { key: 'a', value: 'gray-a' })).status).toBe(201);
    expect((await admin.post(`${onBranch}/items`, { key: 'g', value: 'only-gray' })).status).toBe(201);
    const ruleItems = [{ clientAppId: 'shop', clientIpList: ['10.1.2.3'], clientLabelList: ['canary'] }];
    expect((await admin.put(`${onBranch}/rules`, { ruleItems })).status).toBe(200);
    const devText = (await admin.get(`/api/envs/DEV/apps/shop/clusters/${devBranch}/namespaces/application`))
      .body.configText as string;
    expect(devText).toContain('g = only-gray');

    const { zip } = await download(admin, '?envs=DEV&cluster=default&namespace=application');
    const files = unzipSync(zip);
    const entry = files['admin/shop/DEV+default+application.gray.metadata'];
    expect(entry).toBeDefined();
    const exported = JSON.parse(strFromU8(entry!));
    expect(exported).toMatchObject({
      appId: 'shop',
      env: 'DEV',
      clusterName: 'default',
      namespaceName: 'application',
      branchName: devBranch,
      ruleItems,
    });
    expect(exported.items).toContainEqual({
      key: 'g',
      value: 'only-gray',
      comment: '',
      lineNum: expect.any(Number),
    });

    expect((await admin.get(`${ns('PRO')}/branches`)).status).toBe(404);
    const imported = await upload(admin, zip, '?conflictAction=cover&env=PRO');
    expect(imported.status).toBe(201);
    expect(imported.body.branches).toEqual([
      {
        env: 'PRO',
        cluster: 'default',
        namespace: 'application',
        status: 'imported',
        branchName: expect.any(String),
        created: true,
      },
    ]);
    const proBranch = await admin.get(`${ns('PRO')}/branches`);
    expect(proBranch.status).toBe(200);
    expect(proBranch.body.branchName).toBe(imported.body.branches[0].branchName);
    expect(proBranch.body.ruleItems).toEqual(ruleItems);
    const proText = (
      await admin.get(`/api/envs/PRO/apps/shop/clusters/${proBranch.body.branchName}/namespaces/application`)
    ).body.configText;
    expect(proText).toBe(devText);

    // Again: the branch there is already so; with ignore it is left alone.
    const again = await upload(admin, zip, '?conflictAction=cover&env=PRO');
    expect(again.body.branches[0]).toMatchObject({ status: 'unchanged', created: false });
    const ignored = await upload(admin, zip, '?conflictAction=ignore&env=PRO');
    expect(ignored.body.branches[0]).toMatchObject({ status: 'skipped', created: false });
  });

  it('refuses a gray branch without its namespace, or with malformed rules, and writes nothing', async () => {
    const branch = (ruleItems: unknown) =>
      strToU8(JSON.stringify({ ruleItems, items: [{ key: 'a', value: '1' }] }));
    const alone = await upload(
      admin,
      zipSync({ 'admin/shop/PRO+default+application.gray.metadata': branch([]) }),
      '?conflictAction=cover',
    );
    expect(alone.status).toBe(400);
    expect(alone.body.message).toMatch(/without its namespace/);
    const malformed = await upload(
      admin,
      zipSync({
        'admin/shop/PRO/shop+default+application.properties': strToU8('[{"key":"a","value":"1"}]'),
        'admin/shop/PRO+default+application.gray.metadata': branch('everyone'),
      }),
      '?conflictAction=cover',
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toMatch(/gray\.metadata: ruleItems must be an array/);
  });

  it('makes the app in an environment that lacks it, owned by the importer who may create apps', async () => {
    expect(
      (
        await admin.post('/api/envs/DEV/apps', {
          appId: 'billing',
          name: 'Billing',
          orgId: 'fin',
          orgName: 'Finance',
        })
      ).status,
    ).toBe(201);
    expect((await admin.post('/api/envs/DEV/apps/billing/clusters', { name: 'eu' })).status).toBe(201);
    const dev = (cluster: string) => `/api/envs/DEV/apps/billing/clusters/${cluster}/namespaces/application`;
    expect((await admin.put(`${dev('default')}/items`, { configText: 'rate = 3\nlimit = 9' })).status).toBe(
      200,
    );
    expect((await admin.put(`${dev('eu')}/items`, { configText: 'rate = 4' })).status).toBe(200);
    const exported = await fetch(`${portal.url}/api/apps/billing/export?envs=DEV`, {
      headers: { cookie: admin.cookie! },
    });
    const zip = new Uint8Array(await exported.arrayBuffer());
    const post = async (client: PortalClient) => {
      const response = await fetch(`${portal.url}/api/apps/billing/import?conflictAction=cover&env=PRO`, {
        method: 'POST',
        headers: {
          cookie: client.cookie!,
          'x-csrf-token': client.csrfToken!,
          'content-type': 'application/zip',
        },
        body: zip,
      });
      return { status: response.status, body: (await response.json()) as any };
    };

    // Without the permission to create apps: refused, nothing made.
    const refused = await post(as['ed']!);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/create the app in PRO/);
    expect((await admin.get('/api/envs/PRO/apps/billing')).status).toBe(404);

    expect((await admin.post('/api/users', { username: 'carol', password: password('carol') })).status).toBe(
      201,
    );
    expect((await admin.post('/api/roles/create-application', { username: 'carol' })).status).toBe(201);
    const carol = await PortalClient.signedIn(portal.url, 'carol', password('carol'));
    const imported = await post(carol);
    expect(imported.status).toBe(201);
    expect(imported.body.createdApps).toEqual([{ env: 'PRO' }]);
    expect(imported.body.createdClusters).toEqual([{ env: 'PRO', cluster: 'eu' }]);
    expect(imported.body.namespaces.map((n: { status: string }) => n.status)).toEqual([
      'imported',
      'imported',
    ]);
    const app = await admin.get('/api/envs/PRO/apps/billing');
    expect(app.body).toMatchObject({ appId: 'billing', name: 'Billing', orgId: 'fin', ownerName: 'carol' });
    const roles = (await admin.get('/api/apps/billing/roles')).body as Array<{
      username: string;
      role: string;
    }>;
    expect(roles).toContainEqual(expect.objectContaining({ username: 'carol', role: 'Master' }));
    for (const cluster of ['default', 'eu']) {
      const compared = await carol.get(`${dev(cluster)}/compare?targets=PRO:${cluster}`);
      expect(compared.body.targets[0].status).toBe('ok');
      expect(Object.keys(compared.body.targets[0].counts)).toEqual(['same']);
    }
  });

  it('undoes the app it made when the import fails after making it', async () => {
    const zip = zipSync({
      'admin/ledger/app.metadata': strToU8(JSON.stringify({ appId: 'ledger', name: 'Ledger' })),
      'admin/ledger/PRO/ledger+default+application.properties': strToU8(
        `[{"key":"big","value":"${'x'.repeat(1500)}"}]`,
      ),
    });
    const response = await fetch(`${portal.url}/api/apps/ledger/import?conflictAction=cover`, {
      method: 'POST',
      headers: {
        cookie: admin.cookie!,
        'x-csrf-token': admin.csrfToken!,
        'content-type': 'application/zip',
      },
      body: zip,
    });
    expect(response.status).toBe(409);
    expect(((await response.json()) as any).details).toMatchObject({ undone: true, stillChanged: [] });
    expect((await admin.get('/api/envs/PRO/apps/ledger')).status).toBe(404);
  });
  it('leaves secret values out of an export, says so, and so never imports a mask or an envelope', async () => {
    const extra = ns('DEV', 'default', 'extra');
    expect(
      (await admin.post(`${extra}/items`, { key: 'vault', value: 'clear-secret', secret: true })).status,
    ).toBe(201);
    const { response, zip } = await download(admin, '?envs=DEV&cluster=default&namespace=extra');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-houston-export-skipped')).toMatch(
      /DEV: secret values of default\/extra are not exported \(vault\)/,
    );
    const file = strFromU8(unzipSync(zip)['admin/shop/DEV/shop+default+extra.properties']!);
    expect(JSON.parse(file)).toEqual([{ key: 'e', value: '5', comment: '', lineNum: 1 }]);
    expect(file).not.toMatch(/vault|hsec:|\*\*\*\*\*\*|clear-secret/);
    const imported = await upload(admin, zip, '?conflictAction=cover&env=PRO');
    expect(imported.status).toBe(201);
    expect(await text('PRO', 'default', 'extra')).toBe('e = 5');
  });
});
