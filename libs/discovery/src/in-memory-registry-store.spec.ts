import { InMemoryRegistryStore } from './in-memory-registry-store';
import type { RegistryRecord } from './registry-store';
import { ManualClock } from './testing/manual-clock';

function record(instanceId: string, at: Date, serviceName = 'houston-configservice'): RegistryRecord {
  return {
    serviceName,
    instanceId,
    uri: 'http://127.0.0.1:8080/',
    cluster: 'default',
    metadata: { a: '1' },
    lastHeartbeatAt: at,
  };
}

describe('InMemoryRegistryStore', () => {
  const t0 = new Date(Date.UTC(2024, 0, 1));
  const later = (ms: number) => new Date(t0.getTime() + ms);

  it('lists records of one service beating at or after `since`, sorted by instanceId', async () => {
    const store = new InMemoryRegistryStore();
    await store.upsert(record('b', later(10)));
    await store.upsert(record('a', later(5)));
    await store.upsert(record('old', later(0)));
    await store.upsert(record('other', later(10), 'houston-adminservice'));
    const alive = await store.listAlive('houston-configservice', later(5));
    expect(alive.map((found) => found.instanceId)).toEqual(['a', 'b']);
  });

  it('replaces a record with the same instanceId and removes by id', async () => {
    const store = new InMemoryRegistryStore();
    await store.upsert(record('a', later(0)));
    await store.upsert({ ...record('a', later(1)), uri: 'http://127.0.0.1:9090/' });
    expect(store.snapshot()).toEqual([{ ...record('a', later(1)), uri: 'http://127.0.0.1:9090/' }]);
    await store.remove('a');
    await store.remove('missing');
    expect(store.snapshot()).toEqual([]);
  });

  it('hands out copies, as a database would', async () => {
    const store = new InMemoryRegistryStore();
    const written = record('a', later(0));
    await store.upsert(written);
    written.metadata['a'] = 'changed';
    const [read] = await store.listAlive('houston-configservice', t0);
    read!.metadata['a'] = 'changed too';
    expect(store.snapshot()[0]!.metadata).toEqual({ a: '1' });
  });

  it('purges expired records by its own clock', async () => {
    const clock = new ManualClock(t0);
    const store = new InMemoryRegistryStore({ now: clock.now });
    await store.upsert(record('a', later(0)));
    await store.upsert(record('b', later(1_000)));
    clock.advance(2_000);
    await expect(store.purgeExpired(1_500)).resolves.toBe(1);
    expect(store.snapshot().map((found) => found.instanceId)).toEqual(['b']);
  });

  it('fails every operation during a simulated outage', async () => {
    const store = new InMemoryRegistryStore();
    store.simulateOutage(true);
    await expect(store.ping()).resolves.toBe(false);
    await expect(store.upsert(record('a', t0))).rejects.toThrow(/unavailable/);
    await expect(store.listAlive('houston-configservice', t0)).rejects.toThrow(/unavailable/);
    store.simulateOutage(false);
    await expect(store.ping()).resolves.toBe(true);
  });
});
