interface Cached<V> {
  value: V;
  expiresAt: number;
}

/**
 * Values that change rarely and that no release message announces (namespace definitions,
 * access keys), or that one announces without saying what changed (gray rules): kept for a short
 * time, loaded once however many requests ask at the same moment. When the database cannot be
 * reached the last known value is kept, and asked for again only after another `ttlMs`, so an
 * outage does not turn every read into a failing query. Keys come from what clients ask for, so
 * their number is bounded.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, Cached<V>>();
  private readonly inFlight = new Map<string, Promise<V>>();
  /** Bumped by `invalidate`: a load only counts if no invalidation came while it ran. */
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 100_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The value while it is fresh, without loading anything; undefined otherwise. */
  peek(key: string): V | undefined {
    const hit = this.entries.get(key);
    return hit && hit.expiresAt > this.clock() ? hit.value : undefined;
  }

  get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.clock()) return Promise.resolve(hit.value);
    const running = this.inFlight.get(key);
    if (running) return running;
    const generation = this.generations.get(key) ?? 0;
    const current = () => (this.generations.get(key) ?? 0) === generation;
    const next: Promise<V> = load()
      .then((value) => {
        if (current()) this.remember(key, value);
        return value;
      })
      .catch((error: unknown) => {
        if (!hit) throw error;
        if (current()) this.remember(key, hit.value);
        return hit.value;
      })
      .finally(() => {
        if (this.inFlight.get(key) === next) this.inFlight.delete(key);
      });
    this.inFlight.set(key, next);
    return next;
  }

  /** The next `get` loads again; until that load succeeds, the value it replaces is the fallback. */
  invalidate(key: string): void {
    const hit = this.entries.get(key);
    if (hit) hit.expiresAt = -Infinity;
    if (!hit && !this.inFlight.has(key)) return;
    // A load already running may have read the old value: the next get must not join it.
    this.inFlight.delete(key);
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
  }

  private remember(key: string, value: V): void {
    if (!this.entries.has(key) && this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value!;
      this.entries.delete(oldest);
      this.generations.delete(oldest);
    }
    this.entries.set(key, { value, expiresAt: this.clock() + this.ttlMs });
  }
}
