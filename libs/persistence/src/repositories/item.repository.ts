import { ItemEntity } from '@houston/entities';
import type { EntityManager } from 'typeorm';
import { LIVE, softDeleted } from './soft-delete';

export class ItemRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(ItemEntity);
  }

  listByNamespace(namespaceId: number): Promise<ItemEntity[]> {
    return this.repo.find({ where: { namespaceId, ...LIVE }, order: { lineNum: 'ASC', id: 'ASC' } });
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

  maxLineNum(namespaceId: number): Promise<number> {
    return this.repo
      .createQueryBuilder('item')
      .select('MAX(item.lineNum)', 'max')
      .where('item.namespaceId = :namespaceId AND item.isDeleted = :deleted', { namespaceId, deleted: false })
      .getRawOne<{ max: number | string | null }>()
      .then((row) => Number(row?.max ?? 0));
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
