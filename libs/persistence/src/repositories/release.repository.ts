import { NamespaceEntity, ReleaseEntity } from '@houston/entities';
import { Brackets, In, type EntityManager } from 'typeorm';
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

  /** A release by its key, abandoned or not (a client may still hold one a rollback abandoned). */
  async findByReleaseKey(releaseKey: string): Promise<ReleaseEntity | null> {
    const release = await this.repo.findOne({ where: { releaseKey, ...LIVE } });
    // Exactly this key, whatever the collation matched.
    return release && release.releaseKey === releaseKey ? release : null;
  }

  /** The release clients get: the newest one not abandoned by a rollback. */
  findLatestActive(ref: NamespaceRef): Promise<ReleaseEntity | null> {
    return this.repo.findOne({ where: { ...ref, isAbandoned: false, ...LIVE }, order: { id: 'DESC' } });
  }

  /**
   * The id of the active release of each namespace, in one query (namespaces without one are
   * absent): what a config-service compares its cached releases with.
   */
  async latestActiveIds(refs: NamespaceRef[]): Promise<Array<NamespaceRef & { id: number }>> {
    if (refs.length === 0) return [];
    const rows = await this.repo
      .createQueryBuilder('r')
      .select('r.appId', 'appId')
      .addSelect('r.clusterName', 'clusterName')
      .addSelect('r.namespaceName', 'namespaceName')
      .addSelect('MAX(r.id)', 'id')
      .where('r.isAbandoned = :abandoned AND r.isDeleted = :deleted', { abandoned: false, deleted: false })
      .andWhere(
        new Brackets((any) => {
          refs.forEach((ref, i) =>
            any.orWhere(`(r.appId = :a${i} AND r.clusterName = :c${i} AND r.namespaceName = :n${i})`, {
              [`a${i}`]: ref.appId,
              [`c${i}`]: ref.clusterName,
              [`n${i}`]: ref.namespaceName,
            }),
          );
        }),
      )
      .groupBy('r.appId')
      .addGroupBy('r.clusterName')
      .addGroupBy('r.namespaceName')
      .getRawMany<NamespaceRef & { id: number | string }>();
    return rows.map((row) => ({ ...row, id: Number(row.id) }));
  }

  /**
   * What the app's clients get now: the active release of each of its live namespaces (gray
   * branches included) whose configurations may hold a secret value (`hsec:v1:` somewhere; the
   * caller checks the values themselves).
   */
  async activeWithSecretsOfApp(appId: string): Promise<ReleaseEntity[]> {
    const latest = this.repo
      .createQueryBuilder('x')
      .select('MAX(x.id)')
      .where('x.appId = :appId AND x.isAbandoned = :abandoned AND x.isDeleted = :deleted')
      .groupBy('x.clusterName')
      .addGroupBy('x.namespaceName');
    const rows = await this.repo
      .createQueryBuilder('r')
      .innerJoin(
        NamespaceEntity,
        'n',
        'n.appId = r.appId AND n.clusterName = r.clusterName AND n.namespaceName = r.namespaceName AND n.isDeleted = :deleted',
      )
      .where(`r.id IN (${latest.getQuery()})`)
      .andWhere('r.configurations LIKE :envelope')
      .setParameters({ appId, abandoned: false, deleted: false, envelope: '%"hsec:v1:%' })
      .getMany();
    return rows.filter((row) => row.appId === appId);
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

  /**
   * The keys of a namespace's releases, deleted ones included, newest first: what clients of a
   * gray branch held stays theirs to report on after the branch is gone.
   */
  async releaseKeysEver(ref: NamespaceRef, limit: number): Promise<string[]> {
    const rows = await this.repo.find({
      where: { ...ref },
      select: { id: true, releaseKey: true },
      order: { id: 'DESC' },
      take: limit,
    });
    return rows.map((row) => row.releaseKey);
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
