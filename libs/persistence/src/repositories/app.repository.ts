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
