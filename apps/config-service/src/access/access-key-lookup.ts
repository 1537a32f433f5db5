import { ACCESS_KEY_MODE, DomainError } from '@houston/domain';
import { TtlCache } from '../common/ttl-cache';

export interface AccessKeySource {
  enabledKeys(appId: string): Promise<Array<{ secret: string; mode: number }>>;
}

/** An app's enabled secrets by mode. */
export interface EnabledKeys {
  /** Enforced: a request must be signed with one of these. */
  filter: string[];
  /** Checked and reported only. */
  observer: string[];
}

/**
 * Enabled secrets per app, re-read once they are older than `ttlMs` (about a second, as Apollo
 * rescans its keys every second): a key enabled, disabled or switched between modes in the admin
 * API takes effect within that time on every instance. Without any answer from the database a
 * request of an app we know nothing about is refused with 503 rather than served unchecked.
 */
export class AccessKeyLookup {
  private readonly cache: TtlCache<EnabledKeys>;

  constructor(
    private readonly source: AccessKeySource,
    ttlMs: number,
  ) {
    this.cache = new TtlCache(ttlMs);
  }

  /** The keys when they are cached and fresh: lets a read be checked without waiting. */
  cachedKeys(appId: string): EnabledKeys | undefined {
    return this.cache.peek(appId);
  }

  async enabledKeys(appId: string): Promise<EnabledKeys> {
    try {
      return await this.cache.get(appId, async () => byMode(await this.source.enabledKeys(appId)));
    } catch {
      throw new DomainError('UNAVAILABLE', 'cannot check access keys right now');
    }
  }
}

function byMode(keys: Array<{ secret: string; mode: number }>): EnabledKeys {
  return {
    filter: keys.filter((key) => key.mode !== ACCESS_KEY_MODE.OBSERVER).map((key) => key.secret),
    observer: keys.filter((key) => key.mode === ACCESS_KEY_MODE.OBSERVER).map((key) => key.secret),
  };
}
