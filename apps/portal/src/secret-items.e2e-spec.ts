import { randomBytes } from 'node:crypto';
import { adminAuth } from '@houston/testing';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { PortalClient } from './test-support/portal-client';
import type { PortalTestServer } from './test-support/portal-test-server';
import { startTwoEnvironmentPortal, type TwoEnvironmentPortal } from './test-support/two-environment-portal';
import type { TwoEnvironments } from './test-support/two-environments';

// Two environments start as processes of their own: slow on a busy machine.
jest.setTimeout(180_000);

const ns = (env: string) => `/api/envs/${env}/apps/shop/clusters/default/namespaces/application`;
const ADMIN_NS = '/apps/shop/clusters/default/namespaces/application';

/**
 * Secret items through the portal: revealed only to holders of RevealSecrets, and audited;
 * compare, sync, export and import never copy a secret: not its value (which the portal reads
 * only for a reveal) and not its mask, which would otherwise land in the target as a clear value.
 */
describe('secret items through the portal: reveal, compare, sync, export and import', () => {
  let fixture: TwoEnvironmentPortal;
  let environments: TwoEnvironments;
  let portal: PortalTestServer;
  let admin: PortalClient;
  let as: Record<string, PortalClient> = {};
  const plain = `s3cret-${randomBytes(10).toString('hex')}`;

  /** The value an admin-service holds for a key, revealed there (the portal plays no part). */
  async function stored(url: string, key: string): Promise<{ value: string; secret: boolean } | undefined> {
    const answer = await fetch(`${url}${ADMIN_NS}/items/${key}?reveal=true`, {
      headers: { ...adminAuth(), 'x-operator': 'tester' },
    });
    if (answer.status === 404) return undefined;
    return (await answer.json()) as { value: string; secret: boolean };
  }

  beforeAll(async () => {
    fixture = await startTwoEnvironmentPortal({
      houston: { HOUSTON_SECRET_KEYS: `k1:${randomBytes(32).toString('base64')}` },
      portal: { HOUSTON_PORTAL_ENV_TIMEOUT: '2s' },
      users: ['ed', 'rita'],
      apps: [{ appId: 'shop', name: 'Shop' }],
    });
    ({ environments, portal, admin, as } = fixture);
    expect((await admin.put(`${ns('DEV')}/items`, { configText: 'url = jdbc:dev\nplain = 1' })).status).toBe(
      200,
    );
    const secret = await admin.post(`${ns('DEV')}/items`, { key: 'db.password', value: plain, secret: true });
    expect(secret.status).toBe(201);
    expect(secret.body).toMatchObject({ value: '******', secret: true });
    const pro = await admin.post(`${ns('PRO')}/items`, {
      key: 'api.token',
      value: 'pro-token',
      secret: true,
    });
    expect(pro.status).toBe(201);
    const roles = [
      { username: 'ed', role: 'ModifyNamespace', namespace: 'application' },
      { username: 'rita', role: 'RevealSecrets', namespace: 'application', env: 'DEV' },
    ];
    for (const grant of roles) expect((await admin.post('/api/apps/shop/roles', grant)).status).toBe(201);
  });

  it('reveals a secret to a holder of RevealSecrets only, and audits it without the value', async () => {
    const reveal = (client: PortalClient, env: string) =>
      client.post(`${ns(env)}/items/db.password/reveal`, {});
    const revealed = await reveal(as['rita']!, 'DEV');
    expect(revealed.status).toBe(200);
    expect(revealed.body).toMatchObject({ key: 'db.password', value: plain, secret: true });
    // An editor of the namespace may not; RevealSecrets in DEV is not RevealSecrets in PRO.
    expect((await reveal(as['ed']!, 'DEV')).status).toBe(403);
    const pro = await as['rita']!.post(`${ns('PRO')}/items/api.token/reveal`, {});
    expect(pro.status).toBe(403);
    // The admin-service's reveal switch is not passed through any other route.
    for (const client of [as['ed']!, admin]) {
      const read = await client.get(`${ns('DEV')}/items/db.password?reveal=true`);
      expect(read.body).toMatchObject({ value: '******', secret: true });
    }
    const audit = await admin.get('/api/apps/shop/audit?size=200');
    expect(audit.status).toBe(200);
    const text = JSON.stringify(audit.body);
    expect(text).toContain('secret revealed shop/default/application db.password');
    expect(text).toContain('rita');
    expect(text).not.toContain(plain);
  });
  afterAll(() => fixture?.stop());

  it('compares secret keys without comparing their masks', async () => {
    const answer = await admin.get(`${ns('DEV')}/compare?targets=PRO:default`);
    expect(answer.status).toBe(200);
    const entries = answer.body.targets[0].entries as Array<{ key: string; secret?: boolean }>;
    expect(entries.find((e) => e.key === 'db.password')).toMatchObject({
      status: 'only-in-source',
      secret: true,
    });
    expect(entries.find((e) => e.key === 'api.token')).toMatchObject({
      status: 'only-in-target',
      secret: true,
    });
    expect(JSON.stringify(answer.body)).not.toContain(plain);
  });

  it('syncs the clear keys and leaves a secret alone, saying so', async () => {
    const answer = await admin.post(`${ns('DEV')}/sync`, {
      targets: [{ env: 'PRO', cluster: 'default' }],
      keys: ['url', 'db.password'],
    });
    expect(answer.status).toBe(200);
    expect(answer.body[0]).toMatchObject({ status: 'synced', created: ['url'], updated: [], deleted: [] });
    expect(answer.body[0].skipped).toEqual([{ key: 'db.password', reason: expect.stringMatching(/secret/) }]);
    // Not the mask, not anything: the key is not in PRO, and PRO's own secret kept its value.
    expect(await stored(environments.pro.adminUrl, 'db.password')).toBeUndefined();
    expect(await stored(environments.pro.adminUrl, 'api.token')).toMatchObject({
      value: 'pro-token',
      secret: true,
    });
    expect(await stored(environments.pro.adminUrl, 'url')).toMatchObject({
      value: 'jdbc:dev',
      secret: false,
    });
  });

  it('exports without the secret: neither its value nor its mask is in the archive, the skipped header names it', async () => {
    const response = await fetch(`${portal.url}/api/apps/shop/export?envs=DEV`, {
      headers: { cookie: admin.cookie! },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-houston-export-skipped')).toBe(
      'DEV: secret values of default/application are not exported (db.password)',
    );
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const all = Object.values(files)
      .map((data) => strFromU8(data))
      .join('\n');
    expect(all).toContain('jdbc:dev');
    expect(all).not.toContain('db.password');
    expect(all).not.toContain('******');
    expect(all).not.toContain(plain);
    expect(all).not.toContain('hsec:');
  });

  it('does not import a mask as a value: the target keeps its own, the report names the key', async () => {
    // What an older export wrote for secrets: the mask.
    const rows = [
      { key: 'api.token', value: '******', comment: '', lineNum: 1 },
      { key: 'db.password', value: '******', comment: '', lineNum: 2 },
      { key: 'imported', value: 'yes', comment: '', lineNum: 3 },
    ];
    const zip = zipSync({
      'admin/shop/PRO/shop+default+application.properties': strToU8(JSON.stringify(rows)),
    });
    const response = await fetch(`${portal.url}/api/apps/shop/import?conflictAction=cover`, {
      method: 'POST',
      headers: {
        cookie: admin.cookie!,
        'x-csrf-token': admin.csrfToken!,
        'content-type': 'application/zip',
      },
      body: zip,
    });
    const report = (await response.json()) as { secretsNotImported: unknown[] };
    expect(response.status).toBe(201);
    expect(report.secretsNotImported).toEqual([
      { env: 'PRO', cluster: 'default', namespace: 'application', key: 'api.token' },
      { env: 'PRO', cluster: 'default', namespace: 'application', key: 'db.password' },
    ]);
    expect(await stored(environments.pro.adminUrl, 'api.token')).toMatchObject({
      value: 'pro-token',
      secret: true,
    });
    expect(await stored(environments.pro.adminUrl, 'db.password')).toBeUndefined();
    expect(await stored(environments.pro.adminUrl, 'imported')).toMatchObject({ value: 'yes' });
  });
  it('answers a secret masked on the Open API too, to a consumer granted the app, even when asked to reveal it', async () => {
    const consumer = await admin.post('/api/consumers', {
      appId: 'secret-bot',
      name: 'Secret bot',
      ownerName: 'ed',
    });
    expect(consumer.status).toBe(201);
    expect((await admin.post(`/api/consumers/${consumer.body.id}/grants`, { appId: 'shop' })).status).toBe(
      201,
    );
    const open = `/openapi/v1/envs/DEV/apps/shop/clusters/default/namespaces/application`;
    const read = async (path: string) => {
      const answer = await fetch(`${portal.url}${path}`, { headers: { authorization: consumer.body.token } });
      return { status: answer.status, text: await answer.text() };
    };
    for (const path of [
      open,
      `${open}?reveal=true`,
      `${open}/items?page=0&size=50`,
      `${open}/items/db.password`,
      `${open}/items/db.password?reveal=true`,
      '/openapi/v1/envs/DEV/apps/shop/clusters/default/namespaces',
    ]) {
      const answer = await read(path);
      expect([path, answer.status]).toEqual([path, 200]);
      expect(answer.text).not.toContain(plain);
      expect(answer.text).toContain('******');
    }
  });
});
