import { ReleaseHistoryEntity } from '@houston/entities';
import type { EntityManager } from 'typeorm';
import type { NamespaceRef } from './release.repository';
import { LIVE, softDeleted } from './soft-delete';

export class ReleaseHistoryRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(ReleaseHistoryEntity);
  }

  insert(row: Partial<ReleaseHistoryEntity>): Promise<ReleaseHistoryEntity> {
    return this.repo.save(this.repo.create(row));
  }

  /** A namespace deleted from its cluster takes its release history along, branches' rows included. */
  async softDeleteByNamespace(ref: NamespaceRef, operator: string): Promise<void> {
    await this.repo.update({ ...ref, ...LIVE }, softDeleted(operator));
  }

  listByNamespace(ref: NamespaceRef, page: number, size: number): Promise<[ReleaseHistoryEntity[], number]> {
    return this.repo.findAndCount({
      where: { ...ref, ...LIVE },
      order: { id: 'DESC' },
      skip: page * size,
      take: size,
    });
  }

  /** The newest history row of a namespace's own branch (optionally of one operation), if any. */
  findLatest(ref: NamespaceRef, operation?: number): Promise<ReleaseHistoryEntity | null> {
    const where = {
      ...ref,
      branchName: ref.clusterName,
      ...LIVE,
      ...(operation === undefined ? {} : { operation }),
    };
    return this.repo.findOne({ where, order: { id: 'DESC' } });
  }
}
