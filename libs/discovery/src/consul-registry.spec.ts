import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConsulError, ConsulServiceRegistry, toGoDuration } from './consul-service-registry';
import contract from './testing/__fixtures__/consul-http-contract.json';
import { FakeConsulServer } from './testing/fake-consul-server';
import { runRegistryContract } from './testing/registry-contract';

const TOKEN = 's3cr3t';

runRegistryContract('consul (FakeConsulServer from the recorded HTTP contract)', async () => {
  const fake = await FakeConsulServer.start();
  const registry = new ConsulServiceRegistry({ url: fake.url });
  return {
    registry,
    expire: async (instanceId) => fake.markCritical(instanceId),
    cleanup: async () => {
      await registry.close();
      await fake.close();
      expect(fake.violations).toEqual([]);
    },
  };
});

describe('FakeConsulServer', () => {
  it('answers every recorded interaction as recorded', async () => {
    const fake = await FakeConsulServer.start({ token: TOKEN });
    try {
      for (const interaction of contract.interactions) {
        const { method, path, headers } = interaction.request as {
          method: string;
          path: string;
          headers?: Record<string, string>;
        };
        const body = 'body' in interaction.request ? JSON.stringify(interaction.request.body) : undefined;
        const response = await fetch(`${fake.url}${path}`, { method, headers, body });
        const text = await response.text();
        const expected = interaction.response as {
          status: number;
          body: unknown;
          headers?: Record<string, string>;
        };
        expect({ name: interaction.name, status: response.status }).toEqual({
          name: interaction.name,
          status: expected.status,
        });
        if (typeof expected.body === 'string') {
          expect(text).toBe(expected.body);
        } else {
          expect(JSON.parse(text)).toEqual(expected.body);
        }
        for (const [header, value] of Object.entries(expected.headers ?? {})) {
          expect(response.headers.get(header)).toContain(value);
        }
      }
      expect(fake.violations).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it('answers 400 and records a violation for a register body that breaks the contract', async () => {
    const fake = await FakeConsulServer.start();
    try {
      const response = await fetch(`${fake.url}/v1/agent/service/register`, {
        method: 'PUT',
        body: JSON.stringify({ Name: 'houston-configservice', Port: 8080 }),
      });
      expect(response.status).toBe(400);
      expect(fake.violations).toEqual(['register body field ID must be string']);
    } finally {
      await fake.close();
    }
  });

  it('counts a health query without ?passing as a violation', async () => {
    const fake = await FakeConsulServer.start();
    try {
      const response = await fetch(`${fake.url}/v1/health/service/houston-configservice`);
      expect(response.status).toBe(400);
      expect(fake.violations).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });
});

describe('ConsulServiceRegistry', () => {
  let fake: FakeConsulServer;

  beforeEach(async () => {
    fake = await FakeConsulServer.start({ token: TOKEN });
  });

  afterEach(async () => {
    await fake.close();
  });

  it('sends exactly the recorded register request', async () => {
    const registry = new ConsulServiceRegistry({ url: fake.url, token: TOKEN });
    await registry.register({
      serviceName: 'houston-configservice',
      instanceId: 'config-10.0.0.5-8080',
      homepageUrl: 'http://10.0.0.5:8080/',
      metadata: { version: '0.1.0' },
    });
    const recorded = contract.interactions[0]!.request;
    expect(fake.requests).toEqual([
      {
        method: recorded.method,
        path: recorded.path,
        query: {},
        headers: { 'X-Consul-Token': TOKEN },
        body: recorded.body,
      },
    ]);
    expect(fake.violations).toEqual([]);
  });

  it('maps the recorded health answer to ServiceInstance', async () => {
    const recorded = contract.interactions[1]!;
    const fetchImpl = jest.fn(
      async (_input: string | URL | Request, _init?: RequestInit) =>
        new Response(JSON.stringify(recorded.response.body), { status: 200 }),
    );
    const registry = new ConsulServiceRegistry({ url: 'http://consul.test:8500/', token: TOKEN, fetchImpl });
    await expect(registry.getInstances('houston-configservice')).resolves.toEqual([
      {
        serviceName: 'houston-configservice',
        instanceId: 'config-10.0.0.5-8080',
        homepageUrl: 'http://10.0.0.5:8080/',
        cluster: 'default',
        metadata: { version: '0.1.0' },
      },
    ]);
    expect(String(fetchImpl.mock.calls[0]![0])).toBe(`http://consul.test:8500${recorded.request.path}`);
  });

  it('sends the token as X-Consul-Token on every call', async () => {
    const registry = new ConsulServiceRegistry({ url: fake.url, token: TOKEN });
    await registry.register({
      serviceName: 'houston-adminservice',
      instanceId: 'admin-1',
      homepageUrl: 'http://127.0.0.1:8090/',
    });
    await registry.getInstances('houston-adminservice');
    await registry.deregister('admin-1');
    expect(fake.requests.map((request) => request.headers['X-Consul-Token'])).toEqual([TOKEN, TOKEN, TOKEN]);
  });

  it('sends no token header when none is configured, and ACLs then refuse the write', async () => {
    const registry = new ConsulServiceRegistry({ url: fake.url });
    const failure = registry.register({
      serviceName: 'houston-configservice',
      instanceId: 'c',
      homepageUrl: 'http://h:1/',
    });
    await expect(failure).rejects.toMatchObject({
      status: 403,
      body: expect.stringContaining('Permission denied'),
    });
    expect(fake.requests[0]!.headers['X-Consul-Token']).toBeUndefined();
  });

  it('throws a ConsulError carrying status and body for an unknown token', async () => {
    const registry = new ConsulServiceRegistry({ url: fake.url, token: 'wrong' });
    const failure = registry.getInstances('houston-configservice');
    await expect(failure).rejects.toBeInstanceOf(ConsulError);
    await expect(failure).rejects.toMatchObject({ status: 403, body: 'ACL not found' });
    await expect(failure).rejects.toThrow(
      'Consul GET /v1/health/service/houston-configservice?passing=true failed with 403',
    );
  });

  it('surfaces Consul rejecting a malformed registration', async () => {
    const registry = new ConsulServiceRegistry({ url: fake.url, token: TOKEN });
    await expect(
      registry.register({ serviceName: '', instanceId: 'nameless', homepageUrl: 'http://127.0.0.1:8080/' }),
    ).rejects.toMatchObject({ status: 400, body: 'Missing service name' });
    await expect(
      registry.register({
        serviceName: 'houston-configservice',
        instanceId: 'bad-meta',
        homepageUrl: 'http://127.0.0.1:8080/',
        metadata: { 'build.sha': 'abc' },
      }),
    ).rejects.toThrow(/400: Invalid Service Meta: .*Key contains invalid characters/);
    expect(fake.registered()).toEqual([]);
    // A rejected registration is not ours to deregister on close.
    await registry.close();
    expect(fake.requests.filter((request) => request.path.includes('deregister'))).toEqual([]);
  });

  it('registers an HTTP check on the health path under the homepage URL', async () => {
    const registry = new ConsulServiceRegistry({
      url: fake.url,
      token: TOKEN,
      healthPath: '//actuator/health',
      checkIntervalMs: 1_500,
      deregisterCriticalAfterMs: 120_000,
    });
    await registry.register({
      serviceName: 'houston-configservice',
      instanceId: 'c1',
      homepageUrl: 'https://cfg.example:8443//houston/',
    });
    const [service] = fake.registered();
    expect(service).toMatchObject({
      Address: 'cfg.example',
      Port: 8443,
      Meta: { homepageUrl: 'https://cfg.example:8443/houston/', cluster: 'default' },
      check: {
        HTTP: 'https://cfg.example:8443/houston/actuator/health',
        Interval: '1500ms',
        Timeout: '1500ms',
        DeregisterCriticalServiceAfter: '2m',
        status: 'passing',
      },
    });
  });

  it('lists only instances whose check passes', async () => {
    const registry = new ConsulServiceRegistry({ url: fake.url, token: TOKEN });
    for (const id of ['c1', 'c2', 'c3']) {
      await registry.register({
        serviceName: 'houston-configservice',
        instanceId: id,
        homepageUrl: `http://127.0.0.1:80${id.slice(1)}/`,
      });
    }
    fake.setCheckStatus('c1', 'warning');
    fake.markCritical('c2');
    const listed = await registry.getInstances('houston-configservice');
    expect(listed.map((instance) => instance.instanceId)).toEqual(['c3']);
    fake.setCheckStatus('c2', 'passing');
    const again = await registry.getInstances('houston-configservice');
    expect(again.map((instance) => instance.instanceId)).toEqual(['c2', 'c3']);
  });

  it('keeps Houston’s own homepageUrl and cluster over same-named metadata', () => {
    const registry = new ConsulServiceRegistry({ url: fake.url });
    const body = registry.registrationBody({
      serviceName: 'houston-configservice',
      instanceId: 'c1',
      homepageUrl: 'http://10.0.0.5:8080',
      cluster: 'sh',
      metadata: { homepageUrl: 'http://evil/', cluster: 'other', zone: 'a' },
    });
    expect(body['Meta']).toEqual({ homepageUrl: 'http://10.0.0.5:8080/', cluster: 'sh', zone: 'a' });
  });

  it('builds the homepage URL from the address when Meta has none', async () => {
    const entries = [
      {
        Node: { Address: '10.0.0.2' },
        Service: { ID: 'b', Service: 's', Address: '', Port: 8080, Meta: {} },
      },
      {
        Node: { Address: '10.0.0.2' },
        Service: { ID: 'a', Service: 's', Address: 'fe80::1', Port: 8081, Meta: null },
      },
      {
        Node: { Address: '10.0.0.2' },
        Service: { ID: 'c', Service: 's', Address: '10.0.0.9', Port: 0, Meta: {} },
      },
      {
        Node: { Address: '10.0.0.2' },
        Service: { ID: 'd', Service: 's', Meta: { homepageUrl: 'nonsense' } },
      },
    ];
    const fetchImpl = async () => new Response(JSON.stringify(entries), { status: 200 });
    const registry = new ConsulServiceRegistry({ url: 'http://consul.test:8500', fetchImpl });
    const listed = await registry.getInstances('s');
    expect(listed.map((instance) => [instance.instanceId, instance.homepageUrl])).toEqual([
      ['a', 'http://[fe80::1]:8081/'],
      ['b', 'http://10.0.0.2:8080/'],
    ]);
  });

  it('treats deregistering an id Consul already dropped as done', async () => {
    const registry = new ConsulServiceRegistry({ url: fake.url, token: TOKEN });
    await expect(registry.deregister('reaped-long-ago')).resolves.toBeUndefined();
    expect(fake.requests[0]).toMatchObject({
      method: 'PUT',
      path: '/v1/agent/service/deregister/reaped-long-ago',
    });
  });

  it('reports an unreachable agent with the request it was making', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const registry = new ConsulServiceRegistry({ url: `http://127.0.0.1:${port}` });
    await expect(registry.getInstances('houston-configservice')).rejects.toThrow(
      'Consul GET /v1/health/service/houston-configservice?passing=true failed',
    );
  });
});

describe('toGoDuration', () => {
  it('writes Go duration strings Consul parses', () => {
    expect(toGoDuration(10_000)).toBe('10s');
    expect(toGoDuration(60_000)).toBe('1m');
    expect(toGoDuration(90_000)).toBe('90s');
    expect(toGoDuration(250)).toBe('250ms');
    expect(() => toGoDuration(0)).toThrow();
  });
});
