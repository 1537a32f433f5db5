import { messageKey, type GrayRuleItem } from '@houston/domain';

export interface ActiveGrayRule {
  branchName: string;
  items: GrayRuleItem[];
}

export interface GrayRuleSource {
  load(appId: string, clusterName: string, namespaceName: string): Promise<ActiveGrayRule[]>;
}

interface Entry {
  rules: Promise<ActiveGrayRule[]>;
  last?: ActiveGrayRule[];
  loadedAt: number;
}

/**
 * Active gray rules per `app+cluster+namespace`, dropped by every release message of that key
 * (rule changes, gray releases and abandons all send one) and re-read at most every
 * `maxAgeMs` otherwise (Apollo rescans every 60 s). While the database is unreachable the last
 * known rules stay in force.
 */
export class GrayRuleCache {
  private readonly entries = new Map<string, Entry>();
  /** Every branch seen per key: their cached releases must be dropped with the key's messages. */
  private readonly branches = new Map<string, Set<string>>();

  constructor(
    private readonly source: GrayRuleSource,
    private readonly maxAgeMs = 60_000,
    private readonly clock: () => number = Date.now,
  ) {}

  get(appId: string, clusterName: string, namespaceName: string): Promise<ActiveGrayRule[]> {
    const key = messageKey(appId, clusterName, namespaceName);
    const entry = this.entries.get(key);
    if (entry && this.clock() - entry.loadedAt < this.maxAgeMs) return entry.rules;
    const last = entry?.last;
    const next: Entry = { rules: Promise.resolve([]), last, loadedAt: this.clock() };
    next.rules = this.source.load(appId, clusterName, namespaceName).then(
      (rules) => {
        next.last = rules;
        let known = this.branches.get(key);
        if (!known) this.branches.set(key, (known = new Set()));
        for (const rule of rules) known.add(rule.branchName);
        return rules;
      },
      (error: unknown) => {
        if (last) return last;
        this.entries.delete(key);
        throw error;
      },
    );
    if (this.entries.size >= 100_000 && !entry) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, next);
    return next.rules;
  }

  /** The branches ever seen for a key (a gray release is announced on its main key). */
  knownBranches(key: string): readonly string[] {
    return [...(this.branches.get(key) ?? [])];
  }

  /** A message for the key: the next read loads the rules again (keeping these as a fallback). */
  invalidate(key: string): void {
    const entry = this.entries.get(key);
    if (entry) entry.loadedAt = -Infinity;
  }
}
