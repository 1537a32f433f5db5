import type { PortalClient } from './test-support/portal-client';
import { startTwoEnvironmentPortal, type TwoEnvironmentPortal } from './test-support/two-environment-portal';
import type { TwoEnvironments } from './test-support/two-environments';

jest.setTimeout(60_000);

const APP = '/api/envs/DEV/apps/shop';
const NS = `${APP}/clusters/default/namespaces/application`;
const PRO_NS = '/api/envs/PRO/apps/shop/clusters/default/namespaces/application';

/**
 * What the admin-service can do and the portal now exposes, over HTTP with two environments:
 * gray branches, release diffs and rollback to a chosen release, instances, revoking edits,
 * public-namespace associations and access keys. Who may call each route is proven by the table
 * in permissions.e2e-spec.ts; here the routes do what they say, for the users who may.
 */
describe('portal: gray release, diffs, instances, associations and access keys', () => {
  let fixture: TwoEnvironmentPortal;
  let environments: TwoEnvironments;
  let as: Record<string, PortalClient> = {};

  beforeAll(async () => {
    fixture = await startTwoEnvironmentPortal({
      houston: { HOUSTON_INSTANCE_FLUSH_INTERVAL: '100ms' },
      portal: { HOUSTON_PORTAL_MEMBER_ONLY_ENVS: 'PRO' },
      users: ['alice', 'ed', 'rel', 'nobody'],
      apps: [
        { appId: 'shop', ownerName: 'alice' },
        { appId: 'common', ownerName: 'admin' },
      ],
    });
    ({ environments, as } = fixture);
    const grant = (body: object) => as['alice']!.post('/api/apps/shop/roles', body);
    expect((await grant({ username: 'ed', role: 'ModifyNamespace', namespace: 'application' })).status).toBe(
      201,
    );
    expect(
      (await grant({ username: 'rel', role: 'ReleaseNamespace', namespace: 'application' })).status,
    ).toBe(201);
    expect((await as['ed']!.post(`${NS}/items`, { key: 'timeout', value: '100' })).status).toBe(201);
    expect((await as['rel']!.post(`${NS}/releases`, { releaseTitle: 'one' })).status).toBe(201);
  });
  afterAll(() => fixture?.stop());

  it('runs a gray release: branch, items, rules, gray publish, merge; abandons another', async () => {
    const created = await as['ed']!.post(`${NS}/branches`, {});
    expect(created.status).toBe(201);
    const branch = created.body.branchName as string;
    // The branch starts with the keys it inherits: change one, add one, delete the added one.
    const changed = await as['ed']!.put(`${NS}/branches/${branch}/items/timeout`, { value: '500' });
    expect(changed.status).toBe(200);
    expect((await as['ed']!.post(`${NS}/branches/${branch}/items`, { key: 'gone', value: 'x' })).status).toBe(
      201,
    );
    expect((await as['ed']!.delete(`${NS}/branches/${branch}/items/gone`)).status).toBe(204);
    const items = await as['nobody']!.get(`${NS}/branches/${branch}/items`);
    expect(items.body).toEqual([expect.objectContaining({ key: 'timeout', value: '500' })]);
    // Editors may not choose the clients nor publish; releasers may.
    const rule = { clientAppId: 'shop', clientIpList: ['10.0.0.9'], clientLabelList: [] };
    expect((await as['ed']!.put(`${NS}/branches/${branch}/rules`, { ruleItems: [rule] })).status).toBe(403);
    expect((await as['rel']!.put(`${NS}/branches/${branch}/rules`, { ruleItems: [rule] })).status).toBe(200);
    const gray = await as['rel']!.post(`${NS}/branches/${branch}/releases`, { releaseTitle: 'gray' });
    expect(gray.status).toBe(201);
    expect(gray.body.dataChangeCreatedBy).toBe('rel');
    const seen = await as['nobody']!.get(`${NS}/branches`);
    expect(seen.body).toMatchObject({ branchName: branch, ruleItems: [rule] });
    const merged = await as['rel']!.post(`${NS}/branches/${branch}/merge`, { releaseTitle: 'merged' });
    expect(merged.status).toBe(201);
    expect((await as['nobody']!.get(`${NS}/items/timeout`)).body.value).toBe('500');
    expect((await as['nobody']!.get(`${NS}/branches`)).status).toBe(404);

    const again = await as['ed']!.post(`${NS}/branches`, {});
    expect(again.status).toBe(201);
    expect((await as['ed']!.delete(`${NS}/branches/${again.body.branchName}`)).status).toBe(403);
    expect((await as['rel']!.delete(`${NS}/branches/${again.body.branchName}`)).status).toBe(204);
    expect((await as['nobody']!.get(`${NS}/branches`)).status).toBe(404);
  });

  it("refuses a branch that is not the namespace's (404), even to someone who may edit it", async () => {
    expect((await as['admin']!.post(`${APP}/appnamespaces`, { name: 'other' })).status).toBe(201);
    const otherNs = `${APP}/clusters/default/namespaces/other`;
    expect((await as['admin']!.post(`${otherNs}/items`, { key: 'a', value: 'b' })).status).toBe(201);
    expect((await as['admin']!.post(`${otherNs}/releases`, { releaseTitle: 'o' })).status).toBe(201);
    const otherBranch = await as['admin']!.post(`${otherNs}/branches`, {});
    expect(otherBranch.status).toBe(201);
    const sneaky = await as['ed']!.post(`${NS}/branches/${otherBranch.body.branchName}/items`, {
      key: 'x',
      value: 'y',
    });
    expect(sneaky.status).toBe(404);
    const untouched = await as['admin']!.get(`${otherNs}/branches/${otherBranch.body.branchName}/items`);
    expect(untouched.body.map((i: { key: string }) => i.key)).toEqual(['a']);
  });

  it('shows release history, the diff between two releases, and rolls back to a chosen one', async () => {
    const releases = await as['nobody']!.get(`${NS}/releases`);
    expect(releases.status).toBe(200);
    // Newest first: the merge, the gray release (of the branch, not listed here), the first.
    expect(releases.body.map((r: { name: string }) => r.name)).toEqual(['merged', 'one']);
    const [newest, first] = releases.body as Array<{ id: number }>;
    const diff = await as['nobody']!.get(
      `${NS}/releases/compare?baseReleaseId=${first!.id}&toCompareReleaseId=${newest!.id}`,
    );
    expect(diff.status).toBe(200);
    expect(diff.body.modified).toEqual([{ key: 'timeout', oldValue: '100', newValue: '500' }]);
    expect((await as['nobody']!.get(`${NS}/releases/${first!.id}`)).body.configurations).toEqual({
      timeout: '100',
    });
    const histories = await as['nobody']!.get(`${NS}/releases/histories`);
    expect(histories.status).toBe(200);
    const otherRelease = (await as['admin']!.get(`${APP}/clusters/default/namespaces/other/releases`))
      .body[0];
    expect(
      (
        await as['nobody']!.get(
          `${NS}/releases/compare?baseReleaseId=0&toCompareReleaseId=${otherRelease.id}`,
        )
      ).status,
    ).toBe(404);
    expect((await as['nobody']!.get(`${NS}/releases/${otherRelease.id}`)).status).toBe(404);
    const rolledBack = await as['rel']!.put(`${NS}/releases/${newest!.id}/rollback?toReleaseId=${first!.id}`);
    expect(rolledBack.status).toBe(200);
    expect(rolledBack.body.id).toBe(first!.id);
    expect((await as['nobody']!.get(`${NS}/releases/latest`)).body.id).toBe(first!.id);
  });

  it('answers what a release now would publish and its checks, publishing nothing (release permission)', async () => {
    const before = (await as['nobody']!.get(`${NS}/releases/latest`)).body as { id: number };
    expect((await as['ed']!.put(`${NS}/items/timeout`, { value: '600' })).status).toBe(200);
    expect((await as['ed']!.post(`${NS}/releases/dry-run`)).status).toBe(403);
    const dryRun = await as['rel']!.post(`${NS}/releases/dry-run`);
    expect(dryRun.status).toBe(200);
    expect(dryRun.body).toMatchObject({
      hasChanges: true,
      wouldPublish: true,
      checks: [],
      changes: {
        modified: expect.arrayContaining([expect.objectContaining({ key: 'timeout', newValue: '600' })]),
      },
    });
    expect((await as['nobody']!.get(`${NS}/releases/latest`)).body.id).toBe(before.id);
    expect((await as['ed']!.put(`${NS}/revoke-items`)).status).toBe(200);
  });

  it('revokes unreleased edits (modify permission)', async () => {
    expect((await as['ed']!.put(`${NS}/items/timeout`, { value: '777' })).status).toBe(200);
    expect((await as['nobody']!.get(`${NS}/unreleased-changes`)).body.hasChanges).toBe(true);
    expect((await as['ed']!.put(`${NS}/revoke-items`)).status).toBe(200);
    expect((await as['nobody']!.get(`${NS}/unreleased-changes`)).body.hasChanges).toBe(false);
    expect((await as['nobody']!.get(`${NS}/lock`)).body).toMatchObject({ isLocked: false });
  });

  it('shows which client instances read which release', async () => {
    const latest = (await as['nobody']!.get(`${NS}/releases/latest`)).body as { id: number };
    const read = await fetch(
      `${environments.dev.configUrl}/configs/shop/default/application?ip=10.1.2.3&label=blue`,
    );
    expect(read.status).toBe(200);
    let instances: { content: Array<{ ip: string }> } = { content: [] };
    for (let i = 0; i < 100 && instances.content.length === 0; i++) {
      await new Promise((done) => setTimeout(done, 100));
      instances = (await as['nobody']!.get(`${NS}/instances`)).body;
    }
    expect(instances.content).toEqual([expect.objectContaining({ ip: '10.1.2.3', label: 'blue' })]);
    const byRelease = await as['nobody']!.get(`${NS}/releases/${latest.id}/instances`);
    expect(byRelease.status).toBe(200);
    expect(byRelease.body.content).toEqual([expect.objectContaining({ ip: '10.1.2.3' })]);
    expect((await as['nobody']!.get(`${NS}/instances/not-on-latest-release`)).status).toBe(200);
  });

  it("associates another app's public namespace and overrides its keys", async () => {
    const common = '/api/envs/DEV/apps/common';
    expect(
      (await as['admin']!.post(`${common}/appnamespaces`, { name: 'common.db', isPublic: true })).status,
    ).toBe(201);
    expect(
      (await as['ed']!.post(`${APP}/associated-namespaces`, { namespaceName: 'common.db' })).status,
    ).toBe(403);
    // What the association dialog offers the app master: other apps' public namespaces only.
    expect((await as['alice']!.post(`${APP}/appnamespaces`, { name: 'own.db', isPublic: true })).status).toBe(
      201,
    );
    const offered = await as['alice']!.get(`${APP}/public-namespaces`);
    expect(offered.status).toBe(200);
    expect(offered.body).toEqual([
      { namespaceName: 'common.db', ownerAppId: 'common', format: 'properties', comment: '' },
    ]);
    expect((await as['ed']!.get(`${APP}/public-namespaces`)).status).toBe(403);
    const associated = await as['alice']!.post(`${APP}/associated-namespaces`, {
      namespaceName: 'common.db',
    });
    expect(associated.status).toBe(201);
    const listed = await as['nobody']!.get(`${APP}/associated-namespaces`);
    expect(JSON.stringify(listed.body)).toContain('common.db');
    const override = await as['admin']!.post(`${APP}/clusters/default/namespaces/common.db/items`, {
      key: 'pool',
      value: '20',
    });
    expect(override.status).toBe(201);
    expect((await as['alice']!.delete(`${APP}/associated-namespaces/common.db`)).status).toBe(204);
  });

  it('lets the app master manage access keys, the secret shown once', async () => {
    const created = await as['alice']!.post(`${APP}/accesskeys`);
    expect(created.status).toBe(201);
    const { id, secret } = created.body as { id: number; secret: string };
    expect(secret.length).toBeGreaterThan(16);
    const listed = await as['alice']!.get(`${APP}/accesskeys`);
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const observer = await as['alice']!.put(`${APP}/accesskeys/${id}/enable?mode=1`);
    expect(observer.status).toBe(200);
    expect(observer.body).toMatchObject({ isEnabled: true, mode: 1 });
    expect((await as['alice']!.put(`${APP}/accesskeys/${id}/enable`)).body).toMatchObject({ mode: 0 });
    expect((await as['alice']!.delete(`${APP}/accesskeys/${id}`)).status).not.toBe(204);
    expect((await as['alice']!.put(`${APP}/accesskeys/${id}/disable`)).body).toMatchObject({
      isEnabled: false,
    });
    expect((await as['alice']!.delete(`${APP}/accesskeys/${id}`)).status).toBe(204);
    const audit = await as['admin']!.get('/api/audit?appId=shop&size=500');
    expect(JSON.stringify(audit.body)).not.toContain(secret);
  });

  it('hides values of a member-only environment in branches and refuses non-members its diffs', async () => {
    expect(
      (await as['ed']!.post(`${PRO_NS}/items`, { key: 'secret', value: 'pro-secret-value' })).status,
    ).toBe(201);
    expect((await as['rel']!.post(`${PRO_NS}/releases`, { releaseTitle: 'pro' })).status).toBe(201);
    const branch = await as['ed']!.post(`${PRO_NS}/branches`, {});
    expect(branch.status).toBe(201);
    const name = branch.body.branchName as string;
    const grayEdit = await as['ed']!.put(`${PRO_NS}/branches/${name}/items/secret`, { value: 'gray-secret' });
    expect(grayEdit.status).toBe(200);
    const hidden = await as['nobody']!.get(`${PRO_NS}/branches/${name}/items`);
    expect(hidden.status).toBe(200);
    expect(JSON.stringify(hidden.body)).not.toMatch(/secret-value|gray-secret/);
    const release = (await as['ed']!.get(`${PRO_NS}/releases/latest`)).body as { id: number };
    expect((await as['nobody']!.get(`${PRO_NS}/releases/${release.id}`)).status).toBe(403);
    expect(
      (await as['nobody']!.get(`${PRO_NS}/releases/compare?baseReleaseId=0&toCompareReleaseId=${release.id}`))
        .status,
    ).toBe(403);
  });
});
