import { CommitEntity, ItemEntity, ReleaseEntity, ReleaseWebhookEntity } from '@houston/entities';
import type { EntityManager } from 'typeorm';

/**
 * The columns that may hold encrypted secret values: an item's value, a release's map, a commit's
 * change sets, a webhook's signing key.
 */
export const SECRET_COLUMNS = {
  item: { entity: ItemEntity, column: 'value' },
  release: { entity: ReleaseEntity, column: 'configurations' },
  commit: { entity: CommitEntity, column: 'changeSets' },
  webhook: { entity: ReleaseWebhookEntity, column: 'secret' },
} as const;
export type SecretTable = keyof typeof SECRET_COLUMNS;

/** Where secret values live, read and rewritten in id order so that a re-encryption can resume. */
export class SecretValuesRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Rows after `afterId` whose column holds an envelope (`prefix` anywhere in the text), or every
   * row when `prefix` is undefined.
   */
  async page(
    table: SecretTable,
    prefix: string | undefined,
    afterId: number,
    limit: number,
  ): Promise<Array<{ id: number; text: string }>> {
    const { entity, column } = SECRET_COLUMNS[table];
    const query = this.manager
      .getRepository(entity)
      .createQueryBuilder('row')
      .select(['row.id', `row.${column}`])
      .where('row.id > :afterId', { afterId });
    if (prefix !== undefined) query.andWhere(`row.${column} LIKE :pattern`, { pattern: `%${prefix}%` });
    const rows = await query.orderBy('row.id', 'ASC').limit(limit).getMany();
    return rows.map((row) => ({ id: row.id, text: (row as unknown as Record<string, string>)[column]! }));
  }

  async rewrite(table: SecretTable, id: number, text: string): Promise<void> {
    const { entity, column } = SECRET_COLUMNS[table];
    // One column by id; TypeORM bumps an item's version too, so an editor who read the row before
    // reloads instead of writing back the old ciphertext.
    await this.manager
      .getRepository(entity)
      .createQueryBuilder()
      .update()
      .set({ [column]: text })
      .where('id = :id', { id })
      .execute();
  }
}
