import { EnvironmentGateway } from './environment-gateway';

const META = 'http://meta.dev';
const FIRST = 'http://admin-1.dev';
const SECOND = 'http://admin-2.dev';

/** A connection refused, as undici reports it: nothing reached the server. */
function refused(): Error {
  return new TypeError('fetch failed', {
    cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
  });
}

/** A request that was sent and never answered. */
function timedOut(): Error {
  return new DOMException('The operation was aborted due to timeout', 'TimeoutError');
}

/**
 * A fake network: the meta-server lists both admin-services; the first one fails as `first`
 * says, the second answers. Every request is recorded as "METHOD url".
 */
function network(first: () => Error) {
  const calls: string[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    calls.push(`${init?.method ?? 'GET'} ${url}`);
    if (url === `${META}/services/admin`) {
      return Response.json([
        { appName: 'houston-admin', instanceId: '1', homepageUrl: `${FIRST}/` },
        { appName: 'houston-admin', instanceId: '2', homepageUrl: `${SECOND}/` },
      ]);
    }
    if (url.startsWith(FIRST)) throw first();
    return Response.json({
      answeredBy: 'second',
      authorization: new Headers(init?.headers).get('authorization'),
    });
  }) as typeof fetch;
  const gateway = new EnvironmentGateway({
    environments: [{ name: 'DEV', metaServerUrls: [META] }],
    timeoutMs: 1000,
    discoveryTtlMs: 60_000,
    adminToken: 'service-token',
    fetchImpl,
  });
  return { gateway, calls };
}

describe('EnvironmentGateway', () => {
  it('finds the admin-services through the meta-server and tries the next one when the first refuses', async () => {
    const { gateway, calls } = network(refused);
    const answer = await gateway.call('dev', { method: 'POST', path: '/apps', body: { appId: 'shop' } });
    expect(answer).toEqual({
      status: 200,
      body: { answeredBy: 'second', authorization: 'Bearer service-token' },
    });
    expect(calls).toEqual([`GET ${META}/services/admin`, `POST ${FIRST}/apps`, `POST ${SECOND}/apps`]);
  });

  it('tries the next one for a read that timed out, but never sends a timed-out write twice', async () => {
    const read = network(timedOut);
    expect((await read.gateway.call('DEV', { method: 'GET', path: '/apps' })).status).toBe(200);
    expect(read.calls.slice(1)).toEqual([`GET ${FIRST}/apps`, `GET ${SECOND}/apps`]);

    const write = network(timedOut);
    await expect(
      write.gateway.call('DEV', { method: 'PUT', path: '/apps/shop', body: {} }),
    ).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      details: { env: 'DEV' },
    });
    expect(write.calls.slice(1)).toEqual([`PUT ${FIRST}/apps/shop`]);
  });

  it('names an environment it does not manage with 404, and one whose meta-server is gone as unreachable', async () => {
    const { gateway } = network(refused);
    expect(() => gateway.resolve('PRO')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    const gone = new EnvironmentGateway({
      environments: [{ name: 'DEV', metaServerUrls: [META] }],
      timeoutMs: 1000,
      discoveryTtlMs: 60_000,
      fetchImpl: (async () => {
        throw refused();
      }) as typeof fetch,
    });
    expect(await gone.status('DEV')).toMatchObject({ env: 'DEV', status: 'unreachable', adminServices: 0 });
  });
});
