import type { GrayRuleItem } from '@houston/domain';
import type { Database } from '@houston/persistence';
import type { ActiveGrayRule, GrayRuleSource } from './gray-rule-cache';

/**
 * Rules with no gray release yet are left out: there is nothing to serve their clients. So are
 * rows a case-insensitive collation matched under other names: rules are cached by the key asked
 * for, and only the stored key's messages re-read them.
 */
export class DatabaseGrayRuleSource implements GrayRuleSource {
  constructor(private readonly database: Database) {}

  async load(appId: string, clusterName: string, namespaceName: string): Promise<ActiveGrayRule[]> {
    const rows = await this.database.repos.grayRules.listActive({ appId, clusterName, namespaceName });
    return rows
      .filter(
        (row) =>
          row.releaseId > 0 &&
          row.appId === appId &&
          row.clusterName === clusterName &&
          row.namespaceName === namespaceName,
      )
      .map((row) => ({ branchName: row.branchName, items: JSON.parse(row.rules) as GrayRuleItem[] }))
      .filter((rule) => rule.items.length > 0);
  }
}
