import { ReleaseEntity } from '@houston/entities';
import { In, type EntityManager } from 'typeorm';
import { LIVE, softDeleted } from './soft-delete';

export interface NamespaceRef {
  appId: string;
  clusterName: string;
  namespaceName: string;
}

export class ReleaseRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(ReleaseEntity);
  }

  insert(row: Partial<ReleaseEntity>): Promise<ReleaseEntity> {
    return this.repo.save(this.repo.create(row));
  }

  findById(id: number): Promise<ReleaseEntity | null> {
    return this.repo.findOne({ where: { id, ...LIVE } });
  }

  findByIds(ids: number[]): Promise<ReleaseEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.repo.find({ where: { id: In(ids), ...LIVE } });
  }

  /** The release clients get: the newest one not abandoned by a rollback. */
  findLatestActive(ref: NamespaceRef): Promise<ReleaseEntity | null> {
    return this.repo.findOne({ where: { ...ref, isAbandoned: false, ...LIVE }, order: { id: 'DESC' } });
  }

  /** Active releases, newest first. */
  listActive(ref: NamespaceRef, limit: number, offset = 0): Promise<ReleaseEntity[]> {
    return this.repo.find({
      where: { ...ref, isAbandoned: false, ...LIVE },
      order: { id: 'DESC' },
      take: limit,
      skip: offset,
    });
  }

  /** Every release of a namespace, abandoned ones too, newest first. */
  listAll(ref: NamespaceRef, limit: number, offset = 0): Promise<ReleaseEntity[]> {
    return this.repo.find({ where: { ...ref, ...LIVE }, order: { id: 'DESC' }, take: limit, skip: offset });
  }

  /** Active releases newer than `releaseId` (what a rollback to it abandons). */
  listActiveNewerThan(ref: NamespaceRef, releaseId: number): Promise<ReleaseEntity[]> {
    return this.repo
      .createQueryBuilder('r')
      .where('r.appId = :appId AND r.clusterName = :clusterName AND r.namespaceName = :namespaceName', ref)
      .andWhere('r.id > :releaseId AND r.isAbandoned = :abandoned AND r.isDeleted = :deleted', {
        releaseId,
        abandoned: false,
        deleted: false,
      })
      .orderBy('r.id', 'DESC')
      .getMany();
  }

  /** When a namespace is deleted its releases go too (soft: history stays readable by id). */
  async softDeleteByNamespace(ref: NamespaceRef, operator: string): Promise<void> {
    await this.repo.update({ ...ref, ...LIVE }, softDeleted(operator));
  }

  async abandon(ids: number[], operator: string): Promise<void> {
    if (ids.length === 0) return;
    await this.repo.update({ id: In(ids) }, { isAbandoned: true, lastModifiedBy: operator });
  }
}
