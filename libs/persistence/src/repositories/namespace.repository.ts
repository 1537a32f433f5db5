import { NamespaceEntity } from '@houston/entities';
import type { EntityManager } from 'typeorm';
import { LIVE, softDeleted } from './soft-delete';

export class NamespaceRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(NamespaceEntity);
  }

  find(appId: string, clusterName: string, namespaceName: string): Promise<NamespaceEntity | null> {
    return this.repo.findOne({ where: { appId, clusterName, namespaceName, ...LIVE } });
  }

  listByCluster(appId: string, clusterName: string): Promise<NamespaceEntity[]> {
    return this.repo.find({ where: { appId, clusterName, ...LIVE }, order: { id: 'ASC' } });
  }

  listByName(appId: string, namespaceName: string): Promise<NamespaceEntity[]> {
    return this.repo.find({ where: { appId, namespaceName, ...LIVE }, order: { id: 'ASC' } });
  }

  insert(row: Partial<NamespaceEntity>): Promise<NamespaceEntity> {
    return this.repo.save(this.repo.create(row));
  }

  async softDelete(ids: number[], operator: string): Promise<void> {
    if (ids.length > 0) await this.repo.update(ids, softDeleted(operator));
  }
}
