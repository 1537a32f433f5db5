import { BranchStatus, GrayReleaseRuleEntity } from '@houston/entities';
import type { EntityManager } from 'typeorm';
import type { NamespaceRef } from './release.repository';
import { LIVE, softDeleted } from './soft-delete';

/** Gray rules of a namespace's branches; `ref.clusterName` is the parent cluster. */
export class GrayRuleRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(GrayReleaseRuleEntity);
  }

  listActive(ref: NamespaceRef): Promise<GrayReleaseRuleEntity[]> {
    return this.repo.find({
      where: { ...ref, branchStatus: BranchStatus.ACTIVE, ...LIVE },
      order: { id: 'ASC' },
    });
  }

  findByBranch(ref: NamespaceRef, branchName: string): Promise<GrayReleaseRuleEntity | null> {
    return this.repo.findOne({ where: { ...ref, branchName, ...LIVE }, order: { id: 'DESC' } });
  }

  insert(row: Partial<GrayReleaseRuleEntity>): Promise<GrayReleaseRuleEntity> {
    return this.repo.save(this.repo.create(row));
  }

  async update(id: number, changes: Partial<GrayReleaseRuleEntity>): Promise<void> {
    await this.repo.update({ id }, changes);
  }

  async softDelete(id: number, operator: string): Promise<void> {
    await this.repo.update({ id }, softDeleted(operator));
  }
}
