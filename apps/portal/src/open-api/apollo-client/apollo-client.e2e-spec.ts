import { startHoustonProcess, type HoustonProcess } from '@houston/testing';
import createClient from 'openapi-fetch';
import { PortalClient } from '../../test-support/portal-client';
import {
  startPortalTestServer,
  TEST_ADMIN,
  type PortalTestServer,
} from '../../test-support/portal-test-server';
import type { paths } from './apollo-openapi.generated';

jest.setTimeout(120_000);

/**
 * A tool written for Apollo, unchanged: its client is generated from apollo-openapi.yaml
 * (openapi-typescript types, openapi-fetch requests) and knows nothing of Houston. It creates an
 * app, a namespace and items, releases, runs a gray release, rolls back and reads the instances.
 */
describe("a client generated from Apollo's Open API spec, against the portal", () => {
  let houston: HoustonProcess;
  let portal: PortalTestServer;
  let apollo: ReturnType<typeof createClient<paths>>;

  beforeAll(async () => {
    houston = await startHoustonProcess({}, 90_000);
    portal = await startPortalTestServer({ HOUSTON_PORTAL_ENVS: `DEV=${houston.configUrl}` });
    const admin = await PortalClient.signedIn(portal.url, TEST_ADMIN.username, TEST_ADMIN.password);
    expect(
      (await admin.post('/api/users', { username: 'alice', password: 'alice-long-password' })).status,
    ).toBe(201);
    const consumer = await admin.post('/api/consumers', {
      appId: 'release-tool',
      name: 'Release tool',
      ownerName: 'alice',
      allowCreateApplication: true,
    });
    expect(consumer.status).toBe(201);
    apollo = createClient<paths>({ baseUrl: portal.url, headers: { Authorization: consumer.body.token } });
  });
  afterAll(async () => {
    await portal?.close();
    await houston?.stop();
  });

  it('runs a release tool’s whole flow', async () => {
    const path = { env: 'DEV', appId: 'billing', clusterName: 'default', namespaceName: 'application' };

    expect((await apollo.GET('/openapi/v1/envs')).data).toEqual(['DEV']);
    const created = await apollo.POST('/openapi/v1/apps', {
      body: {
        app: { appId: 'billing', name: 'Billing', orgId: 'finance', orgName: 'Finance', ownerName: 'alice' },
        admins: [],
        assignAppRoleToSelf: true,
      },
    });
    expect(created.response.status).toBe(200);
    const apps = await apollo.GET('/openapi/v1/apps/authorized');
    expect(apps.data?.map((app) => app.appId)).toEqual(['billing']);
    expect((await apollo.GET('/openapi/v1/organizations')).data).toEqual([
      { orgId: 'finance', orgName: 'Finance' },
    ]);

    const appNamespace = await apollo.POST('/openapi/v1/apps/{appId}/appnamespaces', {
      params: { path: { appId: 'billing' } },
      body: {
        name: 'limits',
        appId: 'billing',
        format: 'properties',
        isPublic: false,
        appendNamespacePrefix: false,
        dataChangeCreatedBy: 'alice',
      },
    });
    expect(appNamespace.data).toMatchObject({ name: 'limits', format: 'properties' });

    for (const [key, value] of [
      ['currency', 'EUR'],
      ['retries', '3'],
    ] as const) {
      const item = await apollo.POST(
        '/openapi/v1/envs/{env}/apps/{appId}/clusters/{clusterName}/namespaces/{namespaceName}/items',
        { params: { path }, body: { key, value, dataChangeCreatedBy: 'alice' } },
      );
      expect(item.data).toMatchObject({ key, value, dataChangeCreatedBy: 'alice' });
    }
    const first = await apollo.POST(
      '/openapi/v1/envs/{env}/apps/{appId}/clusters/{clusterName}/namespaces/{namespaceName}/releases',
      { params: { path }, body: { releaseTitle: 'first', releasedBy: 'alice' } },
    );
    expect(first.data?.configurations).toEqual({ currency: 'EUR', retries: '3' });

    // A gray release to one client app, then merged for everyone.
    const branch = await apollo.POST(
      '/openapi/v1/envs/{env}/apps/{appId}/clusters/{clusterName}/namespaces/{namespaceName}/branches',
      { params: { path, query: { operator: 'alice' } } },
    );
    const branchName = branch.data!.clusterName!;
    const branchPath = { ...path, branchName };
    expect(
      (
        await apollo.PUT(
          '/openapi/v1/envs/{env}/apps/{appId}/clusters/{clusterName}/namespaces/{namespaceName}/branches/{branchName}/rules',
          {
            params: { path: branchPath, query: { operator: 'alice' } },
            body: {
              ruleItems: [{ clientAppId: 'checkout', clientIpList: ['10.0.0.7'], clientLabelList: [] }],
            },
          },
        )
      ).response.status,
    ).toBe(200);
    await apollo.POST(
      '/openapi/v1/envs/{env}/apps/{appId}/clusters/{clusterName}/namespaces/{namespaceName}/items',
      {
        params: { path: { ...path, clusterName: branchName } },
        body: { key: 'retries', value: '5', dataChangeCreatedBy: 'alice' },
      },
    );
    const gray = await apollo.POST(
      '/openapi/v1/envs/{env}/apps/{appId}/clusters/{clusterName}/namespaces/{namespaceName}/branches/{branchName}/releases',
      { params: { path: branchPath }, body: { releaseTitle: 'gray', releasedBy: 'alice' } },
    );
    expect(gray.data?.configurations).toEqual({ currency: 'EUR', retries: '5' });
    const rules = await apollo.GET(
      '/openapi/v1/envs/{env}/apps/{appId}/clusters/{clusterName}/namespaces/{namespaceName}/branches/{branchName}/rules',
      { params: { path: branchPath } },
    );
    expect(rules.data?.ruleItems).toEqual([
      { clientAppId: 'checkout', clientIpList: ['10.0.0.7'], clientLabelList: [] },
    ]);
    const merged = await apollo.POST(
      '/openapi/v1/envs/{env}/apps/{appId}/clusters/{clusterName}/namespaces/{namespaceName}/branches/{branchName}/merge',
      {
        params: { path: branchPath, query: { deleteBranch: true } },
        body: { releaseTitle: 'merged', releasedBy: 'alice' },
      },
    );
    expect(merged.data?.configurations).toEqual({ currency: 'EUR', retries: '5' });

    // Rolled back to the first release, which is active again.
    const rolledBack = await apollo.PUT('/openapi/v1/envs/{env}/releases/{releaseId}/rollback', {
      params: { path: { env: 'DEV', releaseId: merged.data!.id! }, query: { operator: 'alice' } },
    });
    expect(rolledBack.response.status).toBe(200);
    const latest = await apollo.GET(
      '/openapi/v1/envs/{env}/apps/{appId}/clusters/{clusterName}/namespaces/{namespaceName}/releases/latest',
      { params: { path } },
    );
    expect(latest.data?.id).toBe(first.data!.id);
    const diff = await apollo.GET('/openapi/v1/envs/{env}/releases/comparison', {
      params: {
        path: { env: 'DEV' },
        query: { baseReleaseId: first.data!.id!, toCompareReleaseId: merged.data!.id! },
      },
    });
    expect(diff.data?.changes).toEqual([
      { changeType: 'MODIFIED', key: 'retries', oldValue: '3', newValue: '5' },
    ]);

    // A client reads its configuration; the tool then sees the instance and the release it holds.
    const read = await fetch(
      `${houston.configUrl}/configs/billing/default/application?ip=10.0.0.9&label=blue`,
    );
    expect(read.status).toBe(200);
    type Page = {
      total?: number;
      instances?: Array<{ ip?: string; configs?: Array<{ release?: { id?: number } }> }>;
    };
    let page: Page = {};
    for (let attempt = 0; attempt < 100 && !page.total; attempt += 1) {
      await new Promise((done) => setTimeout(done, 100));
      page =
        (
          await apollo.GET('/openapi/v1/envs/{env}/instances/by-namespace', {
            params: {
              path: { env: 'DEV' },
              query: {
                appId: 'billing',
                clusterName: 'default',
                namespaceName: 'application',
                page: 0,
                size: 10,
              },
            },
          })
        ).data ?? {};
    }
    expect(page.instances).toEqual([
      expect.objectContaining({
        ip: '10.0.0.9',
        configs: [expect.objectContaining({ release: expect.objectContaining({ id: first.data!.id }) })],
      }),
    ]);
    // Apollo's OpenInstanceDTO has no label: Houston's instance label stays out of it.
    expect(page.instances![0]).not.toHaveProperty('label');
    const count = await apollo.GET(
      '/openapi/v1/envs/{env}/apps/{appId}/clusters/{clusterName}/namespaces/{namespaceName}/instances',
      { params: { path } },
    );
    expect(count.data).toBe(1);

    // Errors come back in Apollo's shape, which the generated client types as ExceptionResponse.
    const missing = await apollo.GET(
      '/openapi/v1/envs/{env}/apps/{appId}/clusters/{clusterName}/namespaces/{namespaceName}/items/{key}',
      {
        params: { path: { ...path, key: 'nope' } },
      },
    );
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ status: 404, exception: 'NotFoundException' });
  });
  it('makes, deletes and finds missing namespaces one cluster at a time, and sees where a public one is used', async () => {
    for (const [appId, name] of [
      ['ledger', 'Ledger'],
      ['shared', 'Shared'],
    ] as const) {
      const app = await apollo.POST('/openapi/v1/apps', {
        body: {
          app: { appId, name, orgId: 'finance', orgName: 'Finance', ownerName: 'alice' },
          admins: [],
          assignAppRoleToSelf: true,
        },
      });
      expect(app.response.status).toBe(200);
    }
    const definition = (appId: string, name: string, isPublic: boolean) =>
      apollo.POST('/openapi/v1/apps/{appId}/appnamespaces', {
        params: { path: { appId } },
        body: {
          name,
          appId,
          format: 'properties',
          isPublic,
          appendNamespacePrefix: false,
          dataChangeCreatedBy: 'alice',
        },
      });
    expect((await definition('shared', 'shared.cache', true)).response.status).toBe(200);
    expect((await definition('ledger', 'quota', false)).response.status).toBe(200);
    const cluster = await apollo.POST('/openapi/v1/envs/{env}/apps/{appId}/clusters', {
      params: { path: { env: 'DEV', appId: 'ledger' } },
      body: { name: 'blue', appId: 'ledger', dataChangeCreatedBy: 'alice' },
    });
    expect(cluster.response.status).toBe(200);

    // The public namespace associated in one cluster of ledger only.
    const link = [{ appId: 'ledger', env: 'DEV', clusterName: 'blue', appNamespaceName: 'shared.cache' }];
    const created = await apollo.POST('/openapi/v1/namespaces', {
      params: { query: { operator: 'alice' } },
      body: link,
    });
    expect(created.response.status).toBe(200);
    const again = await apollo.POST('/openapi/v1/namespaces', {
      params: { query: { operator: 'alice' } },
      body: link,
    });
    expect(again.response.status).toBe(400);
    expect(again.error).toMatchObject({
      message: expect.stringContaining('create namespace failed for: DEV/blue/shared.cache'),
    });
    const instances = await apollo.GET(
      '/openapi/v1/envs/{env}/appnamespaces/{publicNamespaceName}/instances',
      {
        params: { path: { env: 'DEV', publicNamespaceName: 'shared.cache' }, query: { page: 0, size: 10 } },
      },
    );
    expect(instances.data?.map((ns) => `${ns.appId}/${ns.clusterName}/${ns.namespaceName}`)).toEqual([
      'shared/default/shared.cache',
      'ledger/blue/shared.cache',
    ]);
    // Its usage counts the association (linkedNamespaceCount), in every cluster of its owner.
    const usage = await apollo.GET('/openapi/v1/apps/{appId}/appnamespaces/{namespaceName}/usage', {
      params: { path: { appId: 'shared', namespaceName: 'shared.cache' } },
    });
    expect(usage.data).toEqual([
      expect.objectContaining({
        envName: 'DEV',
        clusterName: 'default',
        instanceCount: 0,
        linkedNamespaceCount: 1,
      }),
    ]);
    const inCluster = await apollo.GET(
      '/openapi/v1/apps/{appId}/envs/{env}/clusters/{clusterName}/namespaces/{namespaceName}/usage',
      {
        params: {
          path: { appId: 'shared', env: 'DEV', clusterName: 'default', namespaceName: 'shared.cache' },
        },
      },
    );
    expect(inCluster.data).toEqual([expect.objectContaining({ linkedNamespaceCount: 1 })]);
    const privateUsage = await apollo.GET(
      '/openapi/v1/apps/{appId}/envs/{env}/clusters/{clusterName}/namespaces/{namespaceName}/usage',
      {
        params: { path: { appId: 'ledger', env: 'DEV', clusterName: 'blue', namespaceName: 'shared.cache' } },
      },
    );
    expect(privateUsage.data).toEqual([expect.objectContaining({ linkedNamespaceCount: 0 })]);

    // Its owner may not delete it from a cluster while ledger associates it.
    const owned = await apollo.DELETE(
      '/openapi/v1/apps/{appId}/envs/{env}/clusters/{clusterName}/namespaces/{namespaceName}',
      {
        params: {
          path: { appId: 'shared', env: 'DEV', clusterName: 'default', namespaceName: 'shared.cache' },
          query: { operator: 'alice' },
        },
      },
    );
    expect(owned.response.status).toBe(409);

    // A private namespace deleted from one cluster is missing there, and made again.
    const blue = { appId: 'ledger', env: 'DEV', clusterName: 'blue' };
    const deleted = await apollo.DELETE(
      '/openapi/v1/apps/{appId}/envs/{env}/clusters/{clusterName}/namespaces/{namespaceName}',
      { params: { path: { ...blue, namespaceName: 'quota' }, query: { operator: 'alice' } } },
    );
    expect(deleted.response.status).toBe(200);
    const read = await apollo.GET(
      '/openapi/v1/envs/{env}/apps/{appId}/clusters/{clusterName}/namespaces/{namespaceName}',
      { params: { path: { ...blue, namespaceName: 'quota' }, query: { fillItemDetail: true } } },
    );
    expect(read.response.status).toBe(404);
    const missingPath = '/openapi/v1/apps/{appId}/envs/{env}/clusters/{clusterName}/missing-namespaces';
    expect((await apollo.GET(missingPath, { params: { path: blue } })).data).toEqual(['quota']);
    expect(
      (await apollo.GET(missingPath, { params: { path: { ...blue, clusterName: 'default' } } })).data,
    ).toEqual([]);
    const made = await apollo.POST(missingPath, { params: { path: blue, query: { operator: 'alice' } } });
    expect(made.response.status).toBe(200);
    expect((await apollo.GET(missingPath, { params: { path: blue } })).data).toEqual([]);
    const back = await apollo.GET(
      '/openapi/v1/envs/{env}/apps/{appId}/clusters/{clusterName}/namespaces/{namespaceName}',
      { params: { path: { ...blue, namespaceName: 'quota' }, query: { fillItemDetail: true } } },
    );
    expect(back.data).toMatchObject({ namespaceName: 'quota', clusterName: 'blue', items: [] });

    // A sync carries the item's comment with its value, as Apollo's does.
    const synced = await apollo.POST(
      '/openapi/v1/envs/{env}/apps/{appId}/clusters/{clusterName}/namespaces/{namespaceName}/items/synchronize',
      {
        params: {
          path: { appId: 'ledger', env: 'DEV', clusterName: 'default', namespaceName: 'quota' },
          query: { operator: 'alice' },
        },
        body: {
          syncToNamespaces: [{ appId: 'ledger', env: 'DEV', clusterName: 'blue', namespaceName: 'quota' }],
          syncItems: [{ key: 'limit', value: '5', comment: 'per minute' }],
        },
      },
    );
    expect(synced.response.status).toBe(200);
    const limit = await apollo.GET(
      '/openapi/v1/envs/{env}/apps/{appId}/clusters/{clusterName}/namespaces/{namespaceName}/items/{key}',
      { params: { path: { ...blue, namespaceName: 'quota', key: 'limit' } } },
    );
    expect(limit.data).toMatchObject({ key: 'limit', value: '5', comment: 'per minute' });
  });
});
