import { DomainError } from '@houston/domain';
import { TtlCache } from '../common/ttl-cache';

export interface AccessKeySource {
  enabledSecrets(appId: string): Promise<string[]>;
}

/**
 * Enabled secrets per app, re-read every few seconds (a key enabled or disabled in the admin
 * API takes effect within that time). Without any answer from the database a request of an app
 * we know nothing about is refused with 503 rather than served unchecked.
 */
export class AccessKeyLookup {
  private readonly cache: TtlCache<string[]>;

  constructor(
    private readonly source: AccessKeySource,
    ttlMs: number,
  ) {
    this.cache = new TtlCache(ttlMs);
  }

  /** The secrets when they are cached and fresh: lets a read be checked without waiting. */
  cachedSecrets(appId: string): string[] | undefined {
    return this.cache.peek(appId);
  }

  async enabledSecrets(appId: string): Promise<string[]> {
    try {
      return await this.cache.get(appId, () => this.source.enabledSecrets(appId));
    } catch {
      throw new DomainError('UNAVAILABLE', 'cannot check access keys right now');
    }
  }
}
