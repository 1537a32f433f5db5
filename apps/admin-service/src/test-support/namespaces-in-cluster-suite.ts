import {
  AuditEntity,
  CommitEntity,
  InstanceConfigEntity,
  ReleaseEntity,
  ReleaseHistoryEntity,
} from '@houston/entities';
import { adminAuth } from '@houston/testing';
import { In, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { operatorCalls, type AdminTestServer } from './admin-test-server';

/**
 * One namespace deleted from one cluster, found missing there, made again; a public namespace's
 * reach. Run on SQLite (`namespaces-in-cluster.e2e-spec.ts`) and MariaDB (`….int-spec.ts`).
 */
export function namespacesInClusterSuite(start: () => Promise<AdminTestServer>): void {
  let server: AdminTestServer;
  const api = operatorCalls(() => server.url, 'alice');
  const blue = '/apps/shop/clusters/blue/namespaces';
  const live = (entity: EntityTarget<ObjectLiteral>, where: Record<string, unknown>): Promise<number> =>
    server.database.dataSource.getRepository(entity).count({ where: { ...where, isDeleted: false } });

  beforeAll(async () => {
    server = await start();
    expect((await api('POST', '/apps', { appId: 'shop', name: 'Shop' })).status).toBe(201);
    expect((await api('POST', '/apps/shop/clusters', { name: 'blue' })).status).toBe(201);
    expect((await api('POST', '/apps/shop/appnamespaces', { name: 'limits' })).status).toBe(201);
    expect((await api('POST', '/apps', { appId: 'middleware', name: 'MW' })).status).toBe(201);
    const shared = { name: 'dal', isPublic: true, appendNamespacePrefix: false };
    expect((await api('POST', '/apps/middleware/appnamespaces', shared)).status).toBe(201);
  });
  afterAll(() => server?.close());

  it('deletes a namespace from one cluster with its items, releases, history, branch and instance rows', async () => {
    const ns = `${blue}/limits`;
    expect((await api('POST', `${ns}/items`, { key: 'max', value: '3' })).status).toBe(201);
    expect((await api('POST', `${ns}/releases`, { releaseTitle: 'r1' })).status).toBe(201);
    const branch = await api('POST', `${ns}/branches`, {});
    expect(branch.status).toBe(201);
    const branchName: string = branch.body.branchName;
    await server.database.dataSource.getRepository(InstanceConfigEntity).insert({
      instanceId: 1,
      configAppId: 'shop',
      configClusterName: 'blue',
      configNamespaceName: 'limits',
      releaseKey: 'k',
      releaseDeliveredAt: new Date(),
      lastSeenAt: new Date(),
    });
    const where = { appId: 'shop', namespaceName: 'limits' };

    expect((await api('DELETE', ns)).status).toBe(204);

    expect((await api('GET', ns)).status).toBe(404);
    expect((await api('GET', `/apps/shop/clusters/${branchName}`)).status).toBe(404);
    expect(await live(ReleaseEntity, { ...where, clusterName: In(['blue', branchName]) })).toBe(0);
    expect(await live(ReleaseHistoryEntity, { ...where, clusterName: 'blue' })).toBe(0);
    expect(await live(CommitEntity, { ...where, clusterName: 'blue' })).toBe(0);
    expect(
      await server.database.dataSource
        .getRepository(InstanceConfigEntity)
        .count({ where: { configClusterName: 'blue' } }),
    ).toBe(0);
    // The other cluster keeps it, and the deletion is audited.
    expect((await api('GET', '/apps/shop/clusters/default/namespaces/limits')).status).toBe(200);
    const audits = await server.database.dataSource
      .getRepository(AuditEntity)
      .find({ where: { entityName: 'Namespace', opName: 'DELETE' } });
    expect(audits.map((row) => [row.createdBy, row.comment])).toEqual([
      ['alice', 'deleted from cluster blue'],
    ]);
  });

  it('finds the namespace missing in that cluster and makes it again, empty', async () => {
    expect((await api('GET', '/apps/shop/clusters/blue/missing-namespaces')).body).toEqual(['limits']);
    expect((await api('GET', '/apps/shop/clusters/default/missing-namespaces')).body).toEqual([]);
    const created = await api('POST', '/apps/shop/clusters/blue/missing-namespaces');
    expect(created).toMatchObject({ status: 201, body: ['limits'] });
    expect((await api('GET', '/apps/shop/clusters/blue/missing-namespaces')).body).toEqual([]);
    const again = await api('GET', `${blue}/limits`);
    expect(again.body).toMatchObject({ items: [] });
    expect((await api('GET', `${blue}/limits/commits`)).body).toEqual([]);
    expect((await api('GET', `${blue}/limits/releases/latest`)).status).not.toBe(200);
    expect((await api('POST', '/apps/shop/clusters/blue/missing-namespaces')).body).toEqual([]);
  });

  it('makes one namespace in one cluster: its own, or an association of a public one', async () => {
    expect((await api('DELETE', `${blue}/limits`)).status).toBe(204);
    const made = await api('POST', blue, { namespaceName: 'limits' });
    expect(made).toMatchObject({ status: 201, body: { namespaceName: 'limits', clusterName: 'blue' } });
    expect((await api('POST', blue, { namespaceName: 'limits' })).status).toBe(409);
    expect((await api('POST', blue, { namespaceName: 'nope' })).status).toBe(404);
    expect(
      (await api('POST', '/apps/shop/clusters/nope/namespaces', { namespaceName: 'limits' })).status,
    ).toBe(404);
    const linked = await api('POST', blue, { namespaceName: 'dal' });
    expect(linked).toMatchObject({ status: 201, body: { namespaceName: 'dal', isPublic: true } });
  });

  it("lists every app's public namespaces for associating, and no private one", async () => {
    const listed = await api('GET', '/appnamespaces/public');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      { namespaceName: 'dal', ownerAppId: 'middleware', format: 'properties', comment: '' },
    ]);
  });

  it('counts and lists where a public namespace is, and refuses deleting it from its owner while associated', async () => {
    expect((await api('GET', '/appnamespaces/dal/associated-namespaces/count')).body).toBe(1);
    const instances = await api('GET', '/appnamespaces/dal/namespaces?page=0&size=10');
    expect(
      instances.body.map((ns: { appId: string; clusterName: string }) => `${ns.appId}/${ns.clusterName}`),
    ).toEqual(['middleware/default', 'shop/blue']);
    expect((await api('GET', '/appnamespaces/dal/namespaces?page=1&size=1')).body).toHaveLength(1);
    expect((await api('GET', '/appnamespaces/limits/namespaces')).status).toBe(404);

    const refused = await api('DELETE', '/apps/middleware/clusters/default/namespaces/dal');
    expect(refused).toMatchObject({
      status: 409,
      body: { details: { reason: 'PUBLIC_NAMESPACE_ASSOCIATED', associatedBy: ['shop'] } },
    });
    // The association itself goes, and then the owner may delete it.
    expect((await api('DELETE', `${blue}/dal`)).status).toBe(204);
    expect((await api('GET', '/appnamespaces/dal/associated-namespaces/count')).body).toBe(0);
    expect((await api('DELETE', '/apps/middleware/clusters/default/namespaces/dal')).status).toBe(204);
  });

  it('refuses the application namespace, a gray branch, a missing namespace and no operator', async () => {
    expect(await api('DELETE', `${blue}/application`)).toMatchObject({
      status: 409,
      body: { details: { reason: 'APPLICATION_NAMESPACE', namespace: 'application' } },
    });
    const branch = await api('POST', `${blue}/application/branches`, {});
    const branchName: string = branch.body.branchName;
    expect(await api('DELETE', `/apps/shop/clusters/${branchName}/namespaces/application`)).toMatchObject({
      status: 409,
      body: { details: { reason: 'GRAY_BRANCH', cluster: branchName } },
    });
    expect((await api('DELETE', `${blue}/nope`)).status).toBe(404);
    const anonymous = await fetch(`${server.url}${blue}/limits`, { method: 'DELETE', headers: adminAuth() });
    expect(anonymous.status).toBe(400);
    expect((await api('GET', `${blue}/limits`)).status).toBe(200);
  });

  it('refuses a namespace under a running rollout, and deletes it once the rollout is aborted', async () => {
    const ns = `${blue}/limits`;
    expect((await api('POST', `${ns}/items`, { key: 'rolled', value: '1' })).status).toBe(201);
    expect((await api('POST', `${ns}/releases`, { releaseTitle: 'first' })).status).toBe(201);
    expect((await api('POST', `${ns}/items`, { key: 'next', value: '2' })).status).toBe(201);
    const plan = { steps: [{ percentage: 10, bakeTime: '1h' }, { percentage: 100 }] };
    const rollout = await api('POST', `${ns}/rollouts`, plan);
    expect(rollout.status).toBe(201);

    expect(await api('DELETE', ns)).toMatchObject({
      status: 409,
      body: { details: { reason: 'ROLLOUT_ACTIVE', rolloutId: rollout.body.id } },
    });
    expect((await api('GET', ns)).status).toBe(200);

    expect((await api('POST', `${ns}/rollouts/${rollout.body.id}/abort`, {})).status).toBe(200);
    expect((await api('DELETE', ns)).status).toBe(204);
  });
}
