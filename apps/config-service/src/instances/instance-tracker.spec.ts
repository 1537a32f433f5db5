import type { InstanceSighting, InstanceStore } from '@houston/persistence';
import { InstanceTracker } from './instance-tracker';

class RecordingStore implements InstanceStore {
  readonly kind = 'database';
  batches: InstanceSighting[][] = [];
  failNext = false;
  async record(sightings: InstanceSighting[]): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('down');
    }
    this.batches.push(sightings);
  }
  async listByNamespace() {
    return { total: 0, content: [] };
  }
  async forgetNamespace(): Promise<void> {}
}

const NS = { appId: 'a', clusterName: 'default', namespaceName: 'application' };
const seen = (ip: string, releaseKey = 'r1', namespaceName = 'application'): InstanceSighting => ({
  appId: 'a',
  clusterName: 'default',
  dataCenter: '',
  ip,
  label: '',
  config: { ...NS, namespaceName },
  releaseKey,
  seenAt: new Date(),
});

describe('InstanceTracker', () => {
  it('coalesces a burst into one batch with one row per instance and namespace', async () => {
    const store = new RecordingStore();
    const tracker = new InstanceTracker(store, { flushIntervalMs: 60_000, maxPending: 100_000 });
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 1000; i++) tracker.record(seen(`10.0.${i >> 8}.${i & 255}`, `r${round}`));
    }
    tracker.record(seen('10.0.0.1', 'x', 'other'));
    await tracker.flush();
    expect(store.batches).toHaveLength(1);
    expect(store.batches[0]).toHaveLength(1001);
    expect(
      store.batches[0]!.find((s) => s.ip === '10.0.0.1' && s.config.namespaceName === 'application')!
        .releaseKey,
    ).toBe('r9');
    expect(tracker.stats).toEqual({ sightings: 10_001, flushes: 1, written: 1001, failedFlushes: 0 });
  });

  it('writes early when too much is pending, and survives a failed batch', async () => {
    const store = new RecordingStore();
    const errors: unknown[] = [];
    const tracker = new InstanceTracker(store, {
      flushIntervalMs: 60_000,
      maxPending: 3,
      onError: (e) => errors.push(e),
    });
    store.failNext = true;
    ['1', '2', '3'].forEach((ip) => tracker.record(seen(ip)));
    ['4', '5', '6'].forEach((ip) => tracker.record(seen(ip)));
    await tracker.stop();
    expect(errors).toHaveLength(1);
    expect(store.batches.map((batch) => batch.map((s) => s.ip))).toEqual([['4', '5', '6']]);
  });

  it('keeps the sightings of two labels on one host apart', async () => {
    const store = new RecordingStore();
    const tracker = new InstanceTracker(store, { flushIntervalMs: 60_000, maxPending: 100 });
    tracker.record({ ...seen('10.0.0.1'), label: 'blue' });
    tracker.record({ ...seen('10.0.0.1'), label: 'green' });
    tracker.record({ ...seen('10.0.0.1'), label: 'blue' });
    tracker.record(seen('10.0.0.1'));
    await tracker.flush();
    expect(store.batches[0]!.map((s) => s.label).sort()).toEqual(['', 'blue', 'green']);
  });
});
