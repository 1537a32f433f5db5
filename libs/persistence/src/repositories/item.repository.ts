import { ItemEntity } from '@houston/entities';
import type { EntityManager } from 'typeorm';
import { LIVE, softDeleted } from './soft-delete';

/**
 * Rows per batched statement: a text edit of 10,000 keys is a few dozen statements, not 10,000,
 * and a batch stays far below MySQL's 65,535 and SQLite's 32,766 placeholders (at most 9 per
 * row). Updates pick each row's values from CASE lists the database scans row by row, so their
 * batches are smaller.
 */
const INSERT_BATCH = 1_000;
const UPDATE_BATCH = 250;

export interface ItemRevision {
  id: number;
  /** The version the caller read; the row is written only if it still has it. */
  expectedVersion: number;
}

export type ItemRow = Pick<ItemEntity, 'id' | 'key' | 'value' | 'comment' | 'lineNum' | 'version'>;

export type ItemInsert = Pick<
  ItemEntity,
  'namespaceId' | 'key' | 'value' | 'comment' | 'lineNum' | 'createdBy' | 'lastModifiedBy'
>;

export interface ItemRewrite extends ItemRevision {
  value: string;
  comment: string;
  lineNum: number;
}

/** One live key found by `ItemRepository.search`, with where it lives. */
export interface ItemSearchHit {
  appId: string;
  clusterName: string;
  namespaceName: string;
  key: string;
  value: string;
}

export interface ItemSearchCriteria {
  /** Keys that start with this (exact case). */
  keyPrefix?: string;
  /** Values that contain this (exact case); secret values never match. */
  valueContains?: string;
  /** The most rows read. */
  limit: number;
  /** The stored prefix of an encrypted value, which a value search must never look into. */
  secretPrefix: string;
}

/** Past every character a key can hold: `key < prefix + this` bounds a prefix as a range. */
const LAST_CHARACTER = '\u{10FFFF}';

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export class ItemRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(ItemEntity);
  }

  listByNamespace(namespaceId: number): Promise<ItemEntity[]> {
    return this.repo.find({ where: { namespaceId, ...LIVE }, order: { lineNum: 'ASC', id: 'ASC' } });
  }

  /**
   * The live rows of a namespace with only what an edit compares, in line order, read as plain
   * rows: hydrating 10,000 entities costs more than the query.
   */
  async listForEdit(namespaceId: number): Promise<ItemRow[]> {
    const rows = (await this.manager.query(
      'SELECT `id`, `key`, `value`, `comment`, `line_num` AS `lineNum`, `version` FROM `item` WHERE `namespace_id` = ? AND `is_deleted` = 0 ORDER BY `line_num`, `id`',
      [namespaceId],
    )) as Array<Record<keyof ItemRow, string | number>>;
    return rows.map((row) => ({
      id: Number(row.id),
      key: String(row.key),
      value: String(row.value),
      comment: String(row.comment),
      lineNum: Number(row.lineNum),
      version: Number(row.version),
    }));
  }

  findByKey(namespaceId: number, key: string): Promise<ItemEntity | null> {
    return this.repo.findOne({ where: { namespaceId, key, ...LIVE } });
  }

  /** Keyed items of a namespace (comment and blank lines do not count against its limit). */
  countKeyed(namespaceId: number): Promise<number> {
    return this.repo
      .createQueryBuilder('item')
      .where('item.namespaceId = :namespaceId AND item.isDeleted = :deleted AND item.key <> :blank', {
        namespaceId,
        deleted: false,
        blank: '',
      })
      .getCount();
  }

  /**
   * Live keys of every app's real clusters (not gray branches), across namespaces, in key order.
   * A key prefix is a range of `ix_item_key`, so the database reads only matching keys; a value
   * alone is a scan that stops at `limit` rows. `INSTR` and the range compare exactly on both
   * dialects (binary collation on MySQL, BINARY on SQLite), as keys are compared everywhere else.
   */
  async search(criteria: ItemSearchCriteria): Promise<ItemSearchHit[]> {
    const where = ['i.`is_deleted` = 0', "i.`key` <> ''"];
    const parameters: unknown[] = [];
    if (criteria.keyPrefix) {
      where.push('i.`key` >= ? AND i.`key` < ?');
      parameters.push(criteria.keyPrefix, criteria.keyPrefix + LAST_CHARACTER);
    }
    if (criteria.valueContains) {
      where.push('INSTR(i.`value`, ?) > 0 AND INSTR(i.`value`, ?) <> 1');
      parameters.push(criteria.valueContains, criteria.secretPrefix);
    }
    parameters.push(criteria.limit);
    const rows = (await this.manager.query(
      'SELECT n.`app_id` AS `appId`, n.`cluster_name` AS `clusterName`, n.`namespace_name` AS `namespaceName`, ' +
        'i.`key` AS `key`, i.`value` AS `value` FROM `item` i ' +
        'JOIN `namespace` n ON n.`id` = i.`namespace_id` AND n.`is_deleted` = 0 ' +
        'JOIN `cluster` c ON c.`app_id` = n.`app_id` AND c.`name` = n.`cluster_name` AND c.`is_deleted` = 0 AND c.`parent_cluster_id` = 0 ' +
        `WHERE ${where.join(' AND ')} ORDER BY i.\`key\`, i.\`id\` LIMIT ?`,
      parameters,
    )) as Array<Record<keyof ItemSearchHit, unknown>>;
    return rows.map((row) => ({
      appId: String(row.appId),
      clusterName: String(row.clusterName),
      namespaceName: String(row.namespaceName),
      key: String(row.key),
      value: String(row.value),
    }));
  }

  maxLineNum(namespaceId: number): Promise<number> {
    return this.repo
      .createQueryBuilder('item')
      .select('MAX(item.lineNum)', 'max')
      .where('item.namespaceId = :namespaceId AND item.isDeleted = :deleted', { namespaceId, deleted: false })
      .getRawOne<{ max: number | string | null }>()
      .then((row) => Number(row?.max ?? 0));
  }

  /**
   * Runs one statement and says how many rows it changed. Written as plain SQL with `?`
   * placeholders (both drivers take them, and both dialects take backquoted names): for a batch
   * of a thousand rows TypeORM's query builder costs more CPU than the database does.
   */
  private async run(sql: string, parameters: unknown[]): Promise<number> {
    const own = this.manager.queryRunner;
    const runner = own ?? this.manager.connection.createQueryRunner();
    try {
      return (await runner.query(sql, parameters, true)).affected ?? 0;
    } finally {
      if (!own) await runner.release();
    }
  }

  private get now(): string {
    return this.manager.connection.options.type === 'mysql' ? 'CURRENT_TIMESTAMP(6)' : 'CURRENT_TIMESTAMP';
  }

  /** Inserts rows with multi-row INSERTs, without reading them back (see `insertMany` for that). */
  async insertBatch(rows: ItemInsert[]): Promise<void> {
    for (const chunk of chunks(rows, INSERT_BATCH)) {
      const parameters: unknown[] = [];
      for (const row of chunk) {
        parameters.push(
          row.namespaceId,
          row.key,
          row.value,
          row.comment,
          row.lineNum,
          row.createdBy,
          row.lastModifiedBy,
        );
      }
      await this.run(
        `INSERT INTO \`item\` (\`namespace_id\`, \`key\`, \`value\`, \`comment\`, \`line_num\`, \`created_by\`, \`last_modified_by\`) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        parameters,
      );
    }
  }

  /**
   * Rewrites value, comment and line of many rows, a batch per statement, each row only if it
   * still has the version read (and bumps it). Returns how many rows were written: fewer than
   * asked means someone else changed or deleted one since it was read.
   */
  async rewriteBatch(rows: ItemRewrite[], operator: string): Promise<number> {
    let written = 0;
    for (const chunk of chunks(rows, UPDATE_BATCH)) {
      const parameters: unknown[] = [];
      const byId = (pick: (row: ItemRewrite) => unknown) => {
        for (const row of chunk) parameters.push(row.id, pick(row));
        return `CASE \`id\` ${chunk.map(() => 'WHEN ? THEN ?').join(' ')} END`;
      };
      const value = byId((row) => row.value);
      const comment = byId((row) => row.comment);
      const lineNum = byId((row) => row.lineNum);
      parameters.push(operator);
      for (const row of chunk) parameters.push(row.id);
      const expected = byId((row) => row.expectedVersion);
      written += await this.run(
        `UPDATE \`item\` SET \`value\` = ${value}, \`comment\` = ${comment}, \`line_num\` = ${lineNum}, \`version\` = \`version\` + 1, \`last_modified_by\` = ?, \`updated_at\` = ${this.now} WHERE \`id\` IN (${chunk.map(() => '?').join(', ')}) AND \`is_deleted\` = 0 AND \`version\` = ${expected}`,
        parameters,
      );
    }
    return written;
  }

  /** Soft-deletes many rows, each only if it still has the version read; returns how many were. */
  async softDeleteBatch(rows: ItemRevision[], operator: string): Promise<number> {
    let deleted = 0;
    const { deletedAt } = softDeleted(operator);
    for (const chunk of chunks(rows, UPDATE_BATCH)) {
      const parameters: unknown[] = [deletedAt, operator, ...chunk.map((row) => row.id)];
      for (const row of chunk) parameters.push(row.id, row.expectedVersion);
      deleted += await this.run(
        `UPDATE \`item\` SET \`is_deleted\` = 1, \`deleted_at\` = ?, \`last_modified_by\` = ?, \`version\` = \`version\` + 1, \`updated_at\` = ${this.now} WHERE \`id\` IN (${chunk.map(() => '?').join(', ')}) AND \`is_deleted\` = 0 AND \`version\` = CASE \`id\` ${chunk.map(() => 'WHEN ? THEN ?').join(' ')} END`,
        parameters,
      );
    }
    return deleted;
  }

  async insertMany(rows: Array<Partial<ItemEntity>>): Promise<ItemEntity[]> {
    if (rows.length === 0) return [];
    // Chunked so a 10k-key text edit stays under MySQL's placeholder limit.
    const saved: ItemEntity[] = [];
    for (let i = 0; i < rows.length; i += 500) {
      saved.push(...(await this.repo.save(rows.slice(i, i + 500).map((row) => this.repo.create(row)))));
    }
    return saved;
  }

  /**
   * Writes only if the row still has `expectedVersion`, and bumps it; false means someone else
   * changed or deleted the item since it was read.
   */
  async updateIfVersion(
    id: number,
    expectedVersion: number,
    changes: Pick<ItemEntity, 'value' | 'comment' | 'lineNum' | 'lastModifiedBy'>,
  ): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(ItemEntity)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id AND version = :expectedVersion AND is_deleted = :deleted', {
        id,
        expectedVersion,
        deleted: false,
      })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async softDeleteIfVersion(id: number, expectedVersion: number, operator: string): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(ItemEntity)
      .set({ ...softDeleted(operator), version: () => 'version + 1' })
      .where('id = :id AND version = :expectedVersion AND is_deleted = :deleted', {
        id,
        expectedVersion,
        deleted: false,
      })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async softDeleteByNamespaces(namespaceIds: number[], operator: string): Promise<void> {
    if (namespaceIds.length === 0) return;
    await this.repo
      .createQueryBuilder()
      .update(ItemEntity)
      .set(softDeleted(operator))
      .where('namespace_id IN (:...namespaceIds) AND is_deleted = :deleted', { namespaceIds, deleted: false })
      .execute();
  }
}
