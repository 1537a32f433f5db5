import { ClusterEntity } from '@houston/entities';
import type { EntityManager } from 'typeorm';
import { LIVE, softDeleted } from './soft-delete';

export class ClusterRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(ClusterEntity);
  }

  findById(id: number): Promise<ClusterEntity | null> {
    return this.repo.findOne({ where: { id, ...LIVE } });
  }

  find(appId: string, name: string): Promise<ClusterEntity | null> {
    return this.repo.findOne({ where: { appId, name, ...LIVE } });
  }

  /** Real clusters only; gray branches (children) are listed by their parent. */
  listByApp(appId: string): Promise<ClusterEntity[]> {
    return this.repo.find({ where: { appId, parentClusterId: 0, ...LIVE }, order: { id: 'ASC' } });
  }

  /** Clusters and their gray branches. */
  listAllByApp(appId: string): Promise<ClusterEntity[]> {
    return this.repo.find({ where: { appId, ...LIVE }, order: { id: 'ASC' } });
  }

  listChildren(parentClusterId: number): Promise<ClusterEntity[]> {
    return this.repo.find({ where: { parentClusterId, ...LIVE }, order: { id: 'ASC' } });
  }

  insert(row: Partial<ClusterEntity>): Promise<ClusterEntity> {
    return this.repo.save(this.repo.create(row));
  }

  async softDelete(id: number, operator: string): Promise<void> {
    await this.repo.update({ id }, softDeleted(operator));
  }

  async softDeleteByApp(appId: string, operator: string): Promise<void> {
    await this.repo.update({ appId, ...LIVE }, softDeleted(operator));
  }
}
