import { messageKey } from '@houston/domain';
import type { ReleaseSnapshot } from './release-snapshot';

export interface ReleaseLoader {
  /** The active release of one namespace in one cluster, or null when it has none. */
  load(appId: string, clusterName: string, namespaceName: string): Promise<ReleaseSnapshot | null>;
}

/** The active release id of each key asked for (absent: none), in one query. */
export type ActiveReleaseIds = (keys: string[]) => Promise<Map<string, number>>;

interface Entry {
  value?: ReleaseSnapshot | null;
  /** Bumped by every release message for the key; a load only counts for the generation it started in. */
  generation: number;
  loadedGeneration: number;
  inFlight?: Promise<ReleaseSnapshot | null>;
  inFlightGeneration?: number;
}

export interface ReleaseCacheOptions {
  maxEntries?: number;
  onStaleServed?: (key: string, error: unknown) => void;
}

/**
 * Active releases by `app+cluster+namespace`, kept until a release message for that key says
 * otherwise. Each change is loaded once however many clients ask at the same moment, and the
 * reload starts as soon as the message is seen, so a burst of woken clients finds it warm.
 * When the database cannot be reached the last known release keeps being served.
 */
export class ReleaseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  /** Where the next revalidation round starts: rounds go through the entries in turn. */
  private revalidateFrom = 0;
  /** Since start: reads answered from memory, and reads that loaded (or joined a load). */
  readonly stats = { hits: 0, misses: 0 };

  constructor(
    private readonly loader: ReleaseLoader,
    private readonly options: ReleaseCacheOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? 100_000;
  }

  async get(appId: string, clusterName: string, namespaceName: string): Promise<ReleaseSnapshot | null> {
    const key = messageKey(appId, clusterName, namespaceName);
    const entry = this.entries.get(key);
    if (entry && entry.value !== undefined && entry.loadedGeneration === entry.generation) {
      this.stats.hits++;
      return entry.value;
    }
    this.stats.misses++;
    return this.load(key, appId, clusterName, namespaceName);
  }

  /** Marks a key changed and warms it again if anybody had asked for it. */
  invalidate(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.generation++;
    const [appId, clusterName, namespaceName] = key.split('+');
    if (appId && clusterName && namespaceName) {
      this.load(key, appId, clusterName, namespaceName).catch(() => undefined);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Compares up to `batch` cached releases (the next ones in turn) with the active release ids
   * in the database, and reloads those that differ: a release superseded without this instance
   * hearing of it is served for at most a few rounds, never indefinitely. Returns their keys.
   */
  async revalidate(activeIds: ActiveReleaseIds, batch = 1000): Promise<string[]> {
    const all = [...this.entries];
    if (all.length === 0) return [];
    if (this.revalidateFrom >= all.length) this.revalidateFrom = 0;
    const round = all.slice(this.revalidateFrom, this.revalidateFrom + batch);
    this.revalidateFrom += round.length;
    const loaded = round.filter(([, entry]) => entry.value !== undefined && !entry.inFlight);
    const seen = new Map(loaded.map(([key, entry]) => [key, entry.value]));
    const active = await activeIds([...seen.keys()]);
    const stale: string[] = [];
    for (const [key, value] of seen) {
      const entry = this.entries.get(key);
      // Reloaded meanwhile (a message came): that load is newer than this comparison.
      if (!entry || entry.value !== value || entry.inFlight) continue;
      if ((value?.id ?? null) === (active.get(key) ?? null)) continue;
      stale.push(key);
      this.invalidate(key);
    }
    return stale;
  }

  private load(
    key: string,
    appId: string,
    clusterName: string,
    namespaceName: string,
  ): Promise<ReleaseSnapshot | null> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { generation: 0, loadedGeneration: -1 };
      this.remember(key, entry);
    }
    const current = entry;
    const generation = current.generation;
    if (current.inFlight && current.inFlightGeneration === generation) return current.inFlight;
    // A load that began before the latest message may have read the old release: wait for it,
    // then read again, so nobody woken by that message is answered with what it replaced.
    const previous = current.inFlight?.catch(() => undefined) ?? Promise.resolve();
    const inFlight = previous
      .then(() => this.loader.load(appId, clusterName, namespaceName))
      .then((value) => {
        current.value = value;
        current.loadedGeneration = Math.max(current.loadedGeneration, generation);
        return value;
      })
      .catch((error: unknown) => {
        if (current.value === undefined) throw error;
        this.options.onStaleServed?.(key, error);
        return current.value;
      })
      .finally(() => {
        if (current.inFlight === inFlight) {
          current.inFlight = undefined;
          current.inFlightGeneration = undefined;
        }
      });
    current.inFlight = inFlight;
    current.inFlightGeneration = generation;
    return inFlight;
  }

  private remember(key: string, entry: Entry): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, entry);
  }
}
