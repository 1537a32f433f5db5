import { EmbeddedServiceRegistry } from './embedded-service-registry';
import { InMemoryRegistryStore } from './in-memory-registry-store';
import type { RegistryRecord, RegistryStore } from './registry-store';
import type { ServiceInstance } from './service-registry';
import { ManualClock } from './testing/manual-clock';
import { runRegistryContract } from './testing/registry-contract';

const HEARTBEAT_MS = 1_000;
const EXPIRY_MS = 3_000;

runRegistryContract('embedded (in-memory store, manual clock)', async () => {
  const clock = new ManualClock();
  const store = new InMemoryRegistryStore({ now: clock.now });
  // An interval far longer than any test: the clock, not real time, decides who is alive.
  const registry = new EmbeddedServiceRegistry({
    store,
    heartbeatIntervalMs: 600_000,
    expireAfterMs: 90_000,
    now: clock.now,
  });
  return {
    registry,
    expire: async () => clock.advance(90_001),
    cleanup: () => registry.close(),
  };
});

const config = (instanceId: string, port = 8080): ServiceInstance => ({
  serviceName: 'houston-configservice',
  instanceId,
  homepageUrl: `http://127.0.0.1:${port}/`,
});

/** Delegates to a shared store until the owning "process" dies. */
class ProcessStore implements RegistryStore {
  dead = false;
  constructor(private readonly shared: RegistryStore) {}
  private alive(): void {
    if (this.dead) throw new Error('process is gone');
  }
  async upsert(record: RegistryRecord): Promise<void> {
    this.alive();
    await this.shared.upsert(record);
  }
  async remove(instanceId: string): Promise<void> {
    this.alive();
    await this.shared.remove(instanceId);
  }
  listAlive(serviceName: string, since: Date): Promise<RegistryRecord[]> {
    return this.shared.listAlive(serviceName, since);
  }
  ping(): Promise<boolean> {
    return this.shared.ping();
  }
}

describe('EmbeddedServiceRegistry heartbeats', () => {
  const registries: EmbeddedServiceRegistry[] = [];

  function open(store: RegistryStore, onError?: (error: unknown) => void): EmbeddedServiceRegistry {
    const registry = new EmbeddedServiceRegistry({
      store,
      heartbeatIntervalMs: HEARTBEAT_MS,
      expireAfterMs: EXPIRY_MS,
      onError,
    });
    registries.push(registry);
    return registry;
  }

  beforeEach(() => {
    jest.useFakeTimers({ now: Date.UTC(2024, 0, 1) });
  });

  afterEach(async () => {
    for (const registry of registries.splice(0)) await registry.close().catch(() => undefined);
    jest.useRealTimers();
  });

  it('keeps an instance listed for as long as it heartbeats', async () => {
    const store = new InMemoryRegistryStore();
    const registry = open(store);
    await registry.register(config('config-1'));
    await jest.advanceTimersByTimeAsync(EXPIRY_MS * 5);
    await expect(registry.getInstances('houston-configservice')).resolves.toHaveLength(1);
    expect(store.snapshot()[0]!.lastHeartbeatAt.getTime()).toBeGreaterThan(Date.now() - HEARTBEAT_MS - 1);
  });

  it('drops the instance of a process that stopped heartbeating and keeps the live one', async () => {
    const shared = new InMemoryRegistryStore();
    const crashing = new ProcessStore(shared);
    const a = open(crashing, () => undefined);
    const b = open(shared);
    await a.register(config('config-a', 8080));
    await b.register(config('config-b', 8081));
    crashing.dead = true;
    await jest.advanceTimersByTimeAsync(EXPIRY_MS + HEARTBEAT_MS);
    const alive = await b.getInstances('houston-configservice');
    expect(alive.map((instance) => instance.instanceId)).toEqual(['config-b']);
  });

  it('survives a store outage: errors go to onError and the next beat re-registers', async () => {
    const store = new InMemoryRegistryStore();
    const errors: unknown[] = [];
    const registry = open(store, (error) => errors.push(error));
    store.simulateOutage(true);
    await expect(registry.register(config('config-1'))).resolves.toBeUndefined();
    await jest.advanceTimersByTimeAsync(HEARTBEAT_MS * 2);
    expect(errors).toHaveLength(3);
    expect(String(errors[0])).toMatch(/unavailable/);
    await expect(store.ping()).resolves.toBe(false);

    store.simulateOutage(false);
    await jest.advanceTimersByTimeAsync(HEARTBEAT_MS);
    await expect(registry.getInstances('houston-configservice')).resolves.toHaveLength(1);
  });

  it('keeps beating when the error handler itself throws', async () => {
    const store = new InMemoryRegistryStore();
    const registry = open(store, () => {
      throw new Error('handler broke');
    });
    store.simulateOutage(true);
    await registry.register(config('config-1'));
    await jest.advanceTimersByTimeAsync(HEARTBEAT_MS);
    store.simulateOutage(false);
    await jest.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(store.snapshot()).toHaveLength(1);
  });

  it('stops beating for a deregistered instance', async () => {
    const store = new InMemoryRegistryStore();
    const registry = open(store);
    await registry.register(config('config-1'));
    await registry.deregister('config-1');
    await jest.advanceTimersByTimeAsync(HEARTBEAT_MS * 3);
    expect(store.snapshot()).toEqual([]);
    expect(registry.ownInstanceIds()).toEqual([]);
  });
});

describe('EmbeddedServiceRegistry', () => {
  it('does not let its heartbeat timer keep the process alive', async () => {
    const spy = jest.spyOn(global, 'setInterval');
    const registry = new EmbeddedServiceRegistry({
      store: new InMemoryRegistryStore(),
      heartbeatIntervalMs: 60_000,
      expireAfterMs: 90_000,
    });
    try {
      await registry.register(config('config-1'));
      const timer = spy.mock.results[0]!.value as NodeJS.Timeout;
      expect(timer.hasRef()).toBe(false);
    } finally {
      spy.mockRestore();
      await registry.close();
    }
  });

  it('waits for a beat under way before removing, so the row does not come back', async () => {
    const shared = new InMemoryRegistryStore();
    let release: () => void = () => undefined;
    const slow: RegistryStore = {
      upsert: (record) => new Promise<void>((resolve) => (release = () => resolve(shared.upsert(record)))),
      remove: (instanceId) => shared.remove(instanceId),
      listAlive: (serviceName, since) => shared.listAlive(serviceName, since),
      ping: () => shared.ping(),
    };
    const registry = new EmbeddedServiceRegistry({
      store: slow,
      heartbeatIntervalMs: 60_000,
      expireAfterMs: 90_000,
    });
    const registering = registry.register(config('config-1'));
    const deregistering = registry.deregister('config-1');
    release();
    await Promise.all([registering, deregistering]);
    expect(shared.snapshot()).toEqual([]);
    await registry.close();
  });

  it('stores the record the persistence layer expects', async () => {
    const clock = new ManualClock(Date.UTC(2024, 5, 1, 12));
    const store = new InMemoryRegistryStore();
    const registry = new EmbeddedServiceRegistry({
      store,
      heartbeatIntervalMs: 60_000,
      expireAfterMs: 90_000,
      now: clock.now,
    });
    await registry.register({
      ...config('config-1'),
      homepageUrl: 'http://10.0.0.5:8080',
      metadata: { zone: 'a' },
    });
    expect(store.snapshot()).toEqual([
      {
        serviceName: 'houston-configservice',
        instanceId: 'config-1',
        uri: 'http://10.0.0.5:8080/',
        cluster: 'default',
        metadata: { zone: 'a' },
        lastHeartbeatAt: new Date(Date.UTC(2024, 5, 1, 12)),
      },
    ]);
    await registry.close();
  });

  it('lists an instance until exactly expireAfterMs after its last heartbeat', async () => {
    const clock = new ManualClock();
    const store = new InMemoryRegistryStore();
    const registry = new EmbeddedServiceRegistry({
      store,
      heartbeatIntervalMs: 600_000,
      expireAfterMs: 5_000,
      now: clock.now,
    });
    await registry.register(config('config-1'));
    clock.advance(5_000);
    await expect(registry.getInstances('houston-configservice')).resolves.toHaveLength(1);
    clock.advance(1);
    await expect(registry.getInstances('houston-configservice')).resolves.toEqual([]);
    await registry.close();
  });

  it('rejects instances it could not serve to clients', async () => {
    const registry = new EmbeddedServiceRegistry({
      store: new InMemoryRegistryStore(),
      heartbeatIntervalMs: 1,
      expireAfterMs: 1,
    });
    await expect(registry.register({ ...config('config-1'), homepageUrl: 'not a url' })).rejects.toThrow(
      /homepageUrl/,
    );
    await expect(registry.register({ ...config(''), homepageUrl: 'http://x/' })).rejects.toThrow(
      /instanceId/,
    );
    await expect(registry.register({ ...config('x'), serviceName: '' })).rejects.toThrow(/serviceName/);
    expect(registry.ownInstanceIds()).toEqual([]);
  });

  it('rejects non-positive timings', () => {
    const store = new InMemoryRegistryStore();
    expect(() => new EmbeddedServiceRegistry({ store, heartbeatIntervalMs: 0, expireAfterMs: 1 })).toThrow(
      /heartbeatIntervalMs/,
    );
    expect(
      () => new EmbeddedServiceRegistry({ store, heartbeatIntervalMs: 1, expireAfterMs: Number.NaN }),
    ).toThrow(/expireAfterMs/);
  });

  it('reports on close the instances it could not remove, after trying them all', async () => {
    const store = new InMemoryRegistryStore();
    const registry = new EmbeddedServiceRegistry({
      store,
      heartbeatIntervalMs: 60_000,
      expireAfterMs: 90_000,
    });
    await registry.register(config('config-1'));
    await registry.register(config('config-2', 8081));
    store.simulateOutage(true);
    await expect(registry.close()).rejects.toThrow(/2 instance/);
    expect(registry.ownInstanceIds()).toEqual([]);
  });
});
