import { messageKey, type GrayRuleItem } from '@houston/domain';
import { TtlCache } from '../common/ttl-cache';

export interface ActiveGrayRule {
  branchName: string;
  items: GrayRuleItem[];
}

export interface GrayRuleSource {
  load(appId: string, clusterName: string, namespaceName: string): Promise<ActiveGrayRule[]>;
}

/**
 * Active gray rules per `app+cluster+namespace`, dropped by every release message of that key
 * (rule changes, gray releases and abandons all send one) and re-read at most every
 * `maxAgeMs` otherwise (Apollo rescans every 60 s). While the database is unreachable the last
 * known rules stay in force.
 */
export class GrayRuleCache {
  private readonly rules: TtlCache<ActiveGrayRule[]>;
  /** Every branch seen per key: their cached releases must be dropped with the key's messages. */
  private readonly branches = new Map<string, Set<string>>();

  constructor(
    private readonly source: GrayRuleSource,
    maxAgeMs = 60_000,
    clock: () => number = Date.now,
  ) {
    this.rules = new TtlCache(maxAgeMs, 100_000, clock);
  }

  get(appId: string, clusterName: string, namespaceName: string): Promise<ActiveGrayRule[]> {
    const key = messageKey(appId, clusterName, namespaceName);
    return this.rules.get(key, async () => {
      const rules = await this.source.load(appId, clusterName, namespaceName);
      let known = this.branches.get(key);
      if (!known) this.branches.set(key, (known = new Set()));
      for (const rule of rules) known.add(rule.branchName);
      return rules;
    });
  }

  /** The branches ever seen for a key (a gray release is announced on its main key). */
  knownBranches(key: string): readonly string[] {
    return [...(this.branches.get(key) ?? [])];
  }

  /** A message for the key: the next read loads the rules again (keeping these as a fallback). */
  invalidate(key: string): void {
    this.rules.invalidate(key);
  }
}
