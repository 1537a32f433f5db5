import type { EntityManager } from 'typeorm';
import type { NamespaceRef } from './release.repository';

/** Tables whose old rows retention deletes by age (of webhook deliveries, only settled ones). */
export type AgedTable = 'release_history' | 'audit' | 'commit' | 'webhook_delivery';

/**
 * The reads and deletes of the retention job, in plain SQL with `?` placeholders (both drivers
 * take them, and both dialects take backquoted names). Rows are deleted for good: retention is
 * what bounds the tables' growth.
 */
export class RetentionRepository {
  constructor(private readonly manager: EntityManager) {}

  private get mysql(): boolean {
    return this.manager.connection.options.type === 'mysql';
  }

  /** A point in time as the `created_at` columns hold it (UTC). */
  private timestamp(at: Date): Date | string {
    return this.mysql ? at : at.toISOString().replace('T', ' ').replace('Z', '');
  }

  private async ids(sql: string, parameters: unknown[]): Promise<number[]> {
    const rows = (await this.manager.query(sql, parameters)) as Array<{ id: number | string }>;
    return rows.map((row) => Number(row.id));
  }

  /** Namespaces (gray branches included) that hold more than `keep` releases. */
  async namespacesOverReleaseLimit(keep: number, limit: number): Promise<NamespaceRef[]> {
    const rows = (await this.manager.query(
      'SELECT `app_id` AS `appId`, `cluster_name` AS `clusterName`, `namespace_name` AS `namespaceName` FROM `release` GROUP BY `app_id`, `cluster_name`, `namespace_name` HAVING COUNT(*) > ? LIMIT ?',
      [keep, limit],
    )) as NamespaceRef[];
    return rows.map(({ appId, clusterName, namespaceName }) => ({ appId, clusterName, namespaceName }));
  }

  /** Every release of a namespace, abandoned and deleted ones too, newest first. */
  releaseIdsNewestFirst(ref: NamespaceRef): Promise<number[]> {
    return this.ids(
      'SELECT `id` FROM `release` WHERE `app_id` = ? AND `cluster_name` = ? AND `namespace_name` = ? ORDER BY `id` DESC',
      [ref.appId, ref.clusterName, ref.namespaceName],
    );
  }

  /** The main releases live gray branches are based on. */
  async grayBaseReleaseIds(): Promise<Set<number>> {
    return new Set(
      await this.ids(
        'SELECT DISTINCT `base_release_id` AS `id` FROM `gray_release_rule` WHERE `is_deleted` = 0 AND `base_release_id` <> 0',
        [],
      ),
    );
  }

  /**
   * Up to `limit` rows of `table` created before `before`, oldest first. A webhook delivery still
   * to be sent is never among them; nor are a namespace's newest
   * commit (its revision) and commits not older than its latest release (the unreleased changes
   * that separation of duties looks at) are never among them.
   */
  oldRowIds(table: AgedTable, before: Date, limit: number): Promise<number[]> {
    const cutoff = this.timestamp(before);
    if (table === 'webhook_delivery') {
      return this.ids(
        "SELECT `id` FROM `webhook_delivery` WHERE `created_at` < ? AND `status` IN ('delivered', 'failed') ORDER BY `id` LIMIT ?",
        [cutoff, limit],
      );
    }
    if (table !== 'commit') {
      return this.ids(`SELECT \`id\` FROM \`${table}\` WHERE \`created_at\` < ? ORDER BY \`id\` LIMIT ?`, [
        cutoff,
        limit,
      ]);
    }
    const sameNamespace = (alias: string) =>
      `${alias}.\`app_id\` = c.\`app_id\` AND ${alias}.\`cluster_name\` = c.\`cluster_name\` AND ${alias}.\`namespace_name\` = c.\`namespace_name\``;
    return this.ids(
      `SELECT c.\`id\` FROM \`commit\` c WHERE c.\`created_at\` < ? AND c.\`id\` < (SELECT MAX(n.\`id\`) FROM \`commit\` n WHERE ${sameNamespace('n')}) AND c.\`created_at\` < (SELECT MAX(r.\`created_at\`) FROM \`release\` r WHERE ${sameNamespace('r')}) ORDER BY c.\`id\` LIMIT ?`,
      [cutoff, limit],
    );
  }

  async delete(table: AgedTable | 'release', ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.manager.query(
      `DELETE FROM \`${table}\` WHERE \`id\` IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
  }
}
