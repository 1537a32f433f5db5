import { AppEntity } from '@houston/entities';
import type { EntityManager } from 'typeorm';
import { LIVE, softDeleted } from './soft-delete';

export class AppRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(AppEntity);
  }

  findByAppId(appId: string): Promise<AppEntity | null> {
    return this.repo.findOne({ where: { appId, ...LIVE } });
  }

  /**
   * The stored app ids equal to `appId` but for letter case, compared the same way on every
   * dialect (not by the column's collation): clients may spell an app id differently.
   */
  async findAppIdsIgnoringCase(appId: string): Promise<string[]> {
    const rows = await this.repo
      .createQueryBuilder('app')
      .select('app.appId', 'appId')
      .where('LOWER(app.appId) = LOWER(:appId) AND app.isDeleted = :deleted', { appId, deleted: false })
      .getRawMany<{ appId: string }>();
    return rows.map((row) => row.appId);
  }

  list(appIds?: string[]): Promise<AppEntity[]> {
    const query = this.repo.createQueryBuilder('app').where('app.isDeleted = :deleted', { deleted: false });
    if (appIds) {
      if (appIds.length === 0) return Promise.resolve([]);
      query.andWhere('app.appId IN (:...appIds)', { appIds });
    }
    return query.orderBy('app.appId', 'ASC').getMany();
  }

  insert(app: Partial<AppEntity>): Promise<AppEntity> {
    return this.repo.save(this.repo.create(app));
  }

  async update(id: number, changes: Partial<AppEntity>): Promise<void> {
    await this.repo.update({ id }, changes);
  }

  async softDelete(id: number, operator: string): Promise<void> {
    await this.repo.update({ id }, softDeleted(operator));
  }
}
