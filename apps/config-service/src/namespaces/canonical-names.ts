import { TtlCache } from '../common/ttl-cache';

export interface StoredNameSource {
  /** Stored app ids equal to `appId` ignoring letter case. */
  findAppIdsIgnoringCase(appId: string): Promise<string[]>;
  /** The names of the app's clusters (gray branches included), exactly as stored. */
  clusterNames(appId: string): Promise<string[]>;
}

export interface ClientNames {
  appId: string;
  cluster: string;
  dataCenter?: string;
}

/**
 * The stored spelling of a client's app id, cluster and data center. Every cache and every
 * watched release message key is built from stored names, so a client that spells `SHOP` or
 * `DEFAULT` is served, and woken, under `shop` and `default`; comparing in code rather than by
 * the database's collation makes this the same on every dialect. A name with no stored match is
 * kept as spelt: nothing is stored under it, so it reads nothing (and falls back to `default`).
 * Apps and clusters are not announced by release messages: a new one is seen after `ttlMs`.
 */
export class CanonicalNames {
  private readonly appIds: TtlCache<string | null>;
  private readonly clusters: TtlCache<string[]>;

  constructor(
    private readonly source: StoredNameSource,
    ttlMs: number,
    clock: () => number = Date.now,
  ) {
    this.appIds = new TtlCache(ttlMs, 100_000, clock);
    this.clusters = new TtlCache(ttlMs, 100_000, clock);
  }

  async resolve(names: ClientNames): Promise<ClientNames> {
    const appId = (await this.storedAppId(names.appId)) ?? names.appId;
    const clusters = await this.clusters.get(appId, () => this.source.clusterNames(appId));
    const resolved: ClientNames = { appId, cluster: pick(names.cluster, clusters) ?? names.cluster };
    if (names.dataCenter !== undefined) {
      resolved.dataCenter = pick(names.dataCenter, clusters) ?? names.dataCenter;
    }
    return resolved;
  }

  private storedAppId(appId: string): Promise<string | null> {
    return this.appIds.get(appId, async () => pick(appId, await this.source.findAppIdsIgnoringCase(appId)));
  }
}

/** The exact name when stored, else the only one equal ignoring case; null when none or ambiguous. */
function pick(spelt: string, stored: readonly string[]): string | null {
  if (stored.includes(spelt)) return spelt;
  const lower = spelt.toLowerCase();
  const matches = stored.filter((name) => name.toLowerCase() === lower);
  return matches.length === 1 ? matches[0]! : null;
}
