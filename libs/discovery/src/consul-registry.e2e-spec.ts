import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConsulError, ConsulServiceRegistry, toGoDuration, toInstances } from './consul-service-registry';
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

  it('maps the recorded health answer to ServiceInstance', () => {
    const recorded = contract.interactions[1]!;
    expect(toInstances('houston-configservice', recorded.response.body)).toEqual([
      {
        serviceName: 'houston-configservice',
        instanceId: 'config-10.0.0.5-8080',
        homepageUrl: 'http://10.0.0.5:8080/',
        cluster: 'default',
        metadata: { version: '0.1.0' },
      },
    ]);
  });

  it('reads the recorded health endpoint, passing instances only', async () => {
    const registry = new ConsulServiceRegistry({ url: fake.url, token: TOKEN });
    await registry.getInstances('houston-configservice');
    const recorded = new URL(contract.interactions[1]!.request.path, 'http://consul.invalid');
    expect(fake.requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: recorded.pathname,
        query: Object.fromEntries(recorded.searchParams),
      }),
    ]);
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
    // The consul package refuses a nameless service itself, before anything is sent (a real agent
    // would answer 400 "Missing service name", as the recorded interaction shows).
    await expect(
      registry.register({ serviceName: '', instanceId: 'nameless', homepageUrl: 'http://127.0.0.1:8080/' }),
    ).rejects.toThrow('Consul PUT /v1/agent/service/register failed: name required');
    expect(fake.requests).toEqual([]);
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

  it('builds the homepage URL from the address when Meta has none', () => {
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
    const listed = toInstances('s', entries);
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

/** Polls (no fixed sleeps) until `condition` holds; the suite's timeout bounds it. */
async function eventually(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('ConsulServiceRegistry with blocking queries (the meta-server view)', () => {
  let fake: FakeConsulServer;
  let writer: ConsulServiceRegistry;
  const registries: ConsulServiceRegistry[] = [];

  const watching = (options: { waitMs?: number; onError?: (name: string, error: unknown) => void } = {}) => {
    const registry = new ConsulServiceRegistry({
      url: fake.url,
      token: TOKEN,
      watch: {
        waitMs: options.waitMs ?? 60_000,
        backoffFactorMs: 5,
        backoffMaxMs: 20,
        onError: options.onError,
      },
    });
    registries.push(registry);
    return registry;
  };
  const register = (id: string) =>
    writer.register({
      serviceName: 'houston-configservice',
      instanceId: id,
      homepageUrl: `http://10.0.0.1:80${id.slice(1)}/`,
    });
  const ids = async (registry: ConsulServiceRegistry) =>
    (await registry.getInstances('houston-configservice')).map((instance) => instance.instanceId);
  const healthQueries = () =>
    fake.requests.filter((request) => request.path.startsWith('/v1/health/service/'));

  beforeEach(async () => {
    fake = await FakeConsulServer.start({ token: TOKEN });
    writer = new ConsulServiceRegistry({ url: fake.url, token: TOKEN });
  });

  afterEach(async () => {
    for (const registry of registries.splice(0)) await registry.close();
    await writer.close();
    await fake.close();
    expect(fake.violations).toEqual([]);
  });

  it('is woken by Consul when the list changes: each query carries the last X-Consul-Index and the wait', async () => {
    await register('c1');
    const registry = watching();
    expect(await ids(registry)).toEqual(['c1']);
    await eventually(() => fake.heldQueries() === 1);
    const indexSeen = String(fake.currentIndex());

    await register('c2');
    // The wait is a minute: only a held query that Consul answers at once can bring c2 this soon.
    await eventually(async () => (await ids(registry)).length === 2);
    expect(await ids(registry)).toEqual(['c1', 'c2']);
    const held = healthQueries().find((request) => request.query['index'] === indexSeen);
    expect(held?.query).toMatchObject({ passing: 'true', index: indexSeen, wait: '1m' });
    // Answered from what the watch keeps: lookups add no reads of their own.
    const reads = healthQueries().length;
    await Promise.all([ids(registry), ids(registry), ids(registry)]);
    expect(healthQueries().length).toBe(reads);
  });

  it('serves the last known list while Consul is unreachable, and catches up when it is back', async () => {
    await register('c1');
    await register('c2');
    const failures: unknown[] = [];
    const registry = watching({ onError: (_name, error) => failures.push(error) });
    expect(await ids(registry)).toEqual(['c1', 'c2']);
    await eventually(() => fake.heldQueries() === 1);

    fake.setOutage('unreachable');
    await eventually(() => failures.length >= 2);
    expect(await ids(registry)).toEqual(['c1', 'c2']);
    expect(String(failures[0])).toMatch(
      /Consul GET \/v1\/health\/service\/houston-configservice\?passing=true failed/,
    );

    fake.markCritical('c1');
    fake.setOutage(false);
    await eventually(async () => (await ids(registry)).length === 1);
    expect(await ids(registry)).toEqual(['c2']);
  });

  it('keeps the last list through a leaderless cluster (500), and answers the failure when it has none', async () => {
    await register('c1');
    const failures: unknown[] = [];
    const registry = watching({ onError: (_name, error) => failures.push(error) });
    expect(await ids(registry)).toEqual(['c1']);
    fake.setOutage('no-leader');
    await eventually(() => failures.length >= 1);
    expect(failures[0]).toMatchObject({ status: 500, body: 'No cluster leader' });
    expect(await ids(registry)).toEqual(['c1']);

    const fresh = watching();
    await expect(fresh.getInstances('houston-configservice')).rejects.toMatchObject({ status: 500 });
    fake.setOutage(false);
  });

  it('starts over from index 0 when the index goes backwards, and still follows changes', async () => {
    await register('c1');
    const registry = watching();
    expect(await ids(registry)).toEqual(['c1']);
    await eventually(() => fake.heldQueries() === 1);
    const before = healthQueries().length;

    fake.resetIndex(1);
    await eventually(() =>
      healthQueries()
        .slice(before)
        .some((request) => request.query['index'] === '0'),
    );
    await eventually(() => fake.heldQueries() === 1);
    await register('c2');
    await eventually(async () => (await ids(registry)).length === 2);
    expect(await ids(registry)).toEqual(['c1', 'c2']);
  });

  it('stops watching on close: no query is left held', async () => {
    await register('c1');
    const registry = watching();
    expect(await ids(registry)).toEqual(['c1']);
    await eventually(() => fake.heldQueries() === 1);
    await registry.close();
    await eventually(() => fake.heldQueries() === 0);
    await expect(registry.getInstances('houston-configservice')).rejects.toThrow('closed');
  });
});

describe('ConsulServiceRegistry blocking queries back off after failures', () => {
  /** Real sockets, fake clocks: lets I/O run between checks without any timer advancing. */
  async function settle(condition: () => boolean): Promise<boolean> {
    for (let turn = 0; turn < 2_000; turn += 1) {
      if (condition()) return true;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return condition();
  }

  afterEach(() => jest.useRealTimers());

  it('retries after 2^attempt × the factor, capped at the maximum, then recovers', async () => {
    const fake = await FakeConsulServer.start({ token: TOKEN });
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const failures: unknown[] = [];
    const registry = new ConsulServiceRegistry({
      url: fake.url,
      token: TOKEN,
      watch: {
        waitMs: 60_000,
        backoffFactorMs: 100,
        backoffMaxMs: 400,
        onError: (_n, e) => failures.push(e),
      },
    });
    const queries = () =>
      fake.requests.filter((request) => request.path.startsWith('/v1/health/service/')).length;
    try {
      fake.setOutage('no-leader');
      await expect(registry.getInstances('houston-configservice')).rejects.toMatchObject({ status: 500 });
      expect(queries()).toBe(1);
      for (const [delay, expected] of [
        [200, 2],
        [400, 3],
        [400, 4],
      ] as const) {
        jest.advanceTimersByTime(delay - 1);
        expect(await settle(() => queries() > expected - 1)).toBe(false);
        jest.advanceTimersByTime(1);
        expect(await settle(() => queries() === expected && failures.length === expected)).toBe(true);
      }
      fake.setOutage(false);
      jest.advanceTimersByTime(400);
      // The answer came back: the watch holds its next query, and no failure was added.
      expect(await settle(() => fake.heldQueries() === 1)).toBe(true);
      expect(queries()).toBe(6);
      expect(failures).toHaveLength(4);
      await expect(registry.getInstances('houston-configservice')).resolves.toEqual([]);
    } finally {
      jest.useRealTimers();
      await registry.close();
      await fake.close();
    }
    expect(fake.violations).toEqual([]);
  });
});
