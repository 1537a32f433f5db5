import { TtlCache } from '../common/ttl-cache';

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

/**
 * Namespace definitions change rarely and no release message announces them, so they are cached
 * for a short time; on a database error the last known answer is kept.
 */
export class AppNamespaceLookup {
  private readonly cache: TtlCache<AppNamespaceInfo | null>;

  constructor(
    private readonly source: AppNamespaceSource,
    ttlMs: number,
    clock: () => number = Date.now,
  ) {
    this.cache = new TtlCache(ttlMs, 100_000, clock);
  }

  own(appId: string, name: string): Promise<AppNamespaceInfo | null> {
    return this.cache.get(`own:${appId}:${name.toLowerCase()}`, () =>
      this.source.findByAppAndName(appId, name),
    );
  }

  publicNamed(name: string): Promise<AppNamespaceInfo | null> {
    return this.cache.get(`public:${name.toLowerCase()}`, () => this.source.findPublicByName(name));
  }
}
