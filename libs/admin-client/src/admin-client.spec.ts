import { createAdminClient, type AdminRequest } from './index';

/** A transport that records what it is asked and answers with a canned body. */
function recording(answer: unknown = {}) {
  const requests: AdminRequest[] = [];
  const client = createAdminClient(async (request) => {
    requests.push(request);
    return answer;
  });
  return { client, requests };
}

describe('createAdminClient', () => {
  it('fills the path template with every parameter percent-encoded', async () => {
    const { client, requests } = recording();
    await client.getItem({ path: { appId: 'shop', cluster: 'default', namespace: 'fx.app', key: 'a/b c' } });
    expect(requests).toEqual([
      {
        method: 'GET',
        path: '/apps/shop/clusters/default/namespaces/fx.app/items/a%2Fb%20c',
      },
    ]);
  });

  it('passes the query, the body and the declared headers through', async () => {
    const { client, requests } = recording();
    await client.publishRelease({
      path: { appId: 'shop', cluster: 'default', namespace: 'application' },
      body: { releaseTitle: 'first' },
      headers: { 'Idempotency-Key': 'k-1' },
    });
    await client.updateItem({
      path: { appId: 'shop', cluster: 'default', namespace: 'application', key: 'timeout' },
      query: { createIfNotExists: true },
      body: { value: '100' },
    });
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: '/apps/shop/clusters/default/namespaces/application/releases',
      body: { releaseTitle: 'first' },
      headers: { 'Idempotency-Key': 'k-1' },
    });
    expect(requests[1]).toMatchObject({
      method: 'PUT',
      query: { createIfNotExists: true },
      body: { value: '100' },
    });
  });

  it('answers what the transport answers', async () => {
    const app = { appId: 'shop', name: 'Shop' };
    const { client } = recording([app]);
    await expect(client.listApps()).resolves.toEqual([app]);
  });
});
