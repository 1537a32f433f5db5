import { ReleaseCache, type ReleaseLoader } from './release-cache';
import type { ReleaseSnapshot } from './release-snapshot';

function release(releaseKey: string): ReleaseSnapshot {
  return {
    id: 1,
    releaseKey,
    appId: 'app',
    clusterName: 'default',
    namespaceName: 'application',
    configurations: { k: releaseKey },
  };
}

/** A loader whose answers the test releases by hand, to order loads against messages. */
class ControlledLoader implements ReleaseLoader {
  calls = 0;
  current: ReleaseSnapshot | null = null;
  failing = false;
  private gates: Array<() => void> = [];
  manual = false;

  load(): Promise<ReleaseSnapshot | null> {
    this.calls++;
    const answer = () => {
      if (this.failing) throw new Error('database unreachable');
      return this.current;
    };
    if (!this.manual) return Promise.resolve().then(answer);
    // The value is read when the gate opens, as a query sees the table when it runs.
    return new Promise<void>((resolve) => this.gates.push(resolve)).then(answer);
  }

  openNext(): void {
    this.gates.shift()?.();
  }
}

const KEY = 'app+default+application';
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('ReleaseCache', () => {
  it('loads once for many concurrent readers and serves later reads from memory', async () => {
    const loader = new ControlledLoader();
    loader.current = release('r1');
    const cache = new ReleaseCache(loader);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => cache.get('app', 'default', 'application')),
    );
    expect(new Set(answers.map((a) => a?.releaseKey))).toEqual(new Set(['r1']));
    await cache.get('app', 'default', 'application');
    expect(loader.calls).toBe(1);
  });

  it('reloads after a release message, and caches "no release" too', async () => {
    const loader = new ControlledLoader();
    const cache = new ReleaseCache(loader);
    expect(await cache.get('app', 'default', 'application')).toBeNull();
    expect(await cache.get('app', 'default', 'application')).toBeNull();
    expect(loader.calls).toBe(1);
    loader.current = release('r1');
    cache.invalidate(KEY);
    expect((await cache.get('app', 'default', 'application'))?.releaseKey).toBe('r1');
    expect(loader.calls).toBe(2);
  });

  it('never answers a reader woken by a message with a load that started before it', async () => {
    const loader = new ControlledLoader();
    loader.current = release('r1');
    const cache = new ReleaseCache(loader);
    await cache.get('app', 'default', 'application');

    loader.manual = true;
    cache.invalidate(KEY); // message 1: reload starts
    loader.current = release('r2');
    cache.invalidate(KEY); // message 2 arrives while that reload is running
    const reader = cache.get('app', 'default', 'application');
    await flush(); // the first reload reaches the database
    loader.openNext();
    await flush();
    loader.openNext();
    expect((await reader)?.releaseKey).toBe('r2');
  });

  it('keeps serving the last known release while the database is down', async () => {
    const loader = new ControlledLoader();
    loader.current = release('r1');
    const stale: string[] = [];
    const cache = new ReleaseCache(loader, { onStaleServed: (key) => stale.push(key) });
    await cache.get('app', 'default', 'application');
    loader.failing = true;
    cache.invalidate(KEY);
    expect((await cache.get('app', 'default', 'application'))?.releaseKey).toBe('r1');
    expect(stale).toContain(KEY);
  });

  it('fails a first read when the database is down and nothing is known', async () => {
    const loader = new ControlledLoader();
    loader.failing = true;
    const cache = new ReleaseCache(loader);
    await expect(cache.get('app', 'default', 'application')).rejects.toThrow('database unreachable');
  });

  it('revalidates cached releases against the active ids, a bounded batch per round, and reloads the superseded', async () => {
    const loader = new ControlledLoader();
    loader.current = { ...release('r1'), id: 1 };
    const cache = new ReleaseCache(loader);
    await cache.get('app', 'default', 'application');
    await cache.get('app', 'default', 'other');
    const asked: string[][] = [];
    let active = new Map([
      [KEY, 1],
      ['app+default+other', 1],
    ]);
    const activeIds = async (keys: string[]) => (asked.push(keys), active);

    expect(await cache.revalidate(activeIds, 1)).toEqual([]);
    expect(await cache.revalidate(activeIds, 1)).toEqual([]);
    expect(asked).toEqual([[KEY], ['app+default+other']]);
    expect(loader.calls).toBe(2);

    // Release 2 became active and no message said so.
    loader.current = { ...release('r2'), id: 2 };
    active = new Map([
      [KEY, 2],
      ['app+default+other', 1],
    ]);
    expect(await cache.revalidate(activeIds, 1)).toEqual([KEY]);
    expect((await cache.get('app', 'default', 'application'))?.releaseKey).toBe('r2');
    expect(loader.calls).toBe(3);
  });
});
