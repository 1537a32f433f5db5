export interface AppNamespaceInfo {
  appId: string;
  name: string;
  format: string;
  isPublic: boolean;
}

export interface AppNamespaceSource {
  findByAppAndName(appId: string, name: string): Promise<AppNamespaceInfo | null>;
  findPublicByName(name: string): Promise<AppNamespaceInfo | null>;
}

const MAX_ENTRIES = 100_000;

interface Cached {
  value: AppNamespaceInfo | null;
  expiresAt: number;
}

/**
 * Namespace definitions change rarely and no release message announces them, so they are cached
 * for a short time. On a database error the last known answer is kept.
 */
export class AppNamespaceLookup {
  private readonly cache = new Map<string, Cached>();
  private readonly inFlight = new Map<string, Promise<AppNamespaceInfo | null>>();

  constructor(
    private readonly source: AppNamespaceSource,
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  own(appId: string, name: string): Promise<AppNamespaceInfo | null> {
    return this.cached(`own:${appId}:${name.toLowerCase()}`, () => this.source.findByAppAndName(appId, name));
  }

  publicNamed(name: string): Promise<AppNamespaceInfo | null> {
    return this.cached(`public:${name.toLowerCase()}`, () => this.source.findPublicByName(name));
  }

  private cached(
    key: string,
    load: () => Promise<AppNamespaceInfo | null>,
  ): Promise<AppNamespaceInfo | null> {
    const hit = this.cache.get(key);
    if (hit && hit.expiresAt > this.clock()) return Promise.resolve(hit.value);
    const running = this.inFlight.get(key);
    if (running) return running;
    const next = load()
      .then((value) => {
        // Keys come from what clients ask for; bound them so made-up names cannot grow memory.
        if (!this.cache.has(key) && this.cache.size >= MAX_ENTRIES)
          this.cache.delete(this.cache.keys().next().value!);
        this.cache.set(key, { value, expiresAt: this.clock() + this.ttlMs });
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
