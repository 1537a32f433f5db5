import { AppNamespaceEntity } from '@houston/entities';
import type { EntityManager } from 'typeorm';
import { LIVE, softDeleted } from './soft-delete';

export class AppNamespaceRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(AppNamespaceEntity);
  }

  /** Exact name first; otherwise a case-insensitive match (clients may spell `FX.apollo` as `fx.apollo`). */
  async findByAppAndName(appId: string, name: string): Promise<AppNamespaceEntity | null> {
    const exact = await this.repo.findOne({ where: { appId, name, ...LIVE } });
    if (exact) return exact;
    return this.repo
      .createQueryBuilder('ns')
      .where('ns.appId = :appId AND LOWER(ns.name) = LOWER(:name) AND ns.isDeleted = :deleted', {
        appId,
        name,
        deleted: false,
      })
      .getOne();
  }

  /** Public namespace names are unique across apps. */
  async findPublicByName(name: string): Promise<AppNamespaceEntity | null> {
    return this.repo
      .createQueryBuilder('ns')
      .where('LOWER(ns.name) = LOWER(:name) AND ns.isPublic = :public AND ns.isDeleted = :deleted', {
        name,
        public: true,
        deleted: false,
      })
      .orderBy('ns.id', 'ASC')
      .getOne();
  }

  /** Every app's public namespace definitions, by name (at most `limit`). */
  listPublic(limit = 1000): Promise<AppNamespaceEntity[]> {
    return this.repo.find({
      where: { isPublic: true, ...LIVE },
      order: { name: 'ASC', id: 'ASC' },
      take: limit,
    });
  }

  listByApp(appId: string): Promise<AppNamespaceEntity[]> {
    return this.repo.find({ where: { appId, ...LIVE }, order: { id: 'ASC' } });
  }

  insert(row: Partial<AppNamespaceEntity>): Promise<AppNamespaceEntity> {
    return this.repo.save(this.repo.create(row));
  }

  async update(id: number, changes: Pick<AppNamespaceEntity, 'isSecret' | 'lastModifiedBy'>): Promise<void> {
    await this.repo.update({ id }, changes);
  }

  async softDelete(id: number, operator: string): Promise<void> {
    await this.repo.update({ id }, softDeleted(operator));
  }

  async softDeleteByApp(appId: string, operator: string): Promise<void> {
    await this.repo.update({ appId, ...LIVE }, softDeleted(operator));
  }
}
