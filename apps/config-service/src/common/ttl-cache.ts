interface Cached<V> {
  value: V;
  expiresAt: number;
}

/**
 * Values that change rarely and that no release message announces (namespace definitions,
 * access keys): kept for a short time, loaded once however many requests ask at the same moment,
 * and, when the database cannot be reached, the last known value is kept. Keys come from what
 * clients ask for, so their number is bounded.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, Cached<V>>();
  private readonly inFlight = new Map<string, Promise<V>>();

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
    const next = load()
      .then((value) => {
        if (!this.entries.has(key) && this.entries.size >= this.maxEntries) {
          this.entries.delete(this.entries.keys().next().value!);
        }
        this.entries.set(key, { value, expiresAt: this.clock() + this.ttlMs });
        return value;
      })
      .catch((error: unknown) => {
        if (hit) return hit.value;
        throw error;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, next);
    return next;
  }
}
