import { CommitEntity } from '@houston/entities';
import type { EntityManager } from 'typeorm';
import type { NamespaceRef } from './release.repository';
import { LIVE, softDeleted } from './soft-delete';

export class CommitRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(CommitEntity);
  }

  insert(row: Partial<CommitEntity>): Promise<CommitEntity> {
    return this.repo.save(this.repo.create(row));
  }

  /** A namespace deleted from its cluster takes its edit history along (a new one starts empty). */
  async softDeleteByNamespace(ref: NamespaceRef, operator: string): Promise<void> {
    await this.repo.update({ ...ref, ...LIVE }, softDeleted(operator));
  }

  listByNamespace(
    appId: string,
    clusterName: string,
    namespaceName: string,
    page: number,
    size: number,
  ): Promise<CommitEntity[]> {
    return this.repo.find({
      where: { appId, clusterName, namespaceName, ...LIVE },
      order: { id: 'DESC' },
      skip: page * size,
      take: size,
    });
  }

  /** The id of the namespace's newest commit (0 if none): a cheap revision for whole-text edits. */
  async latestId(appId: string, clusterName: string, namespaceName: string): Promise<number> {
    const row = await this.repo
      .createQueryBuilder('c')
      .select('MAX(c.id)', 'max')
      .where('c.appId = :appId AND c.clusterName = :clusterName AND c.namespaceName = :namespaceName', {
        appId,
        clusterName,
        namespaceName,
      })
      .getRawOne<{ max: number | string | null }>();
    return Number(row?.max ?? 0);
  }

  /** Who changed the namespace after commit `afterId`. */
  async authorsAfter(
    appId: string,
    clusterName: string,
    namespaceName: string,
    afterId: number,
  ): Promise<string[]> {
    const rows = await this.repo
      .createQueryBuilder('c')
      .select('DISTINCT c.createdBy', 'author')
      .where(
        'c.appId = :appId AND c.clusterName = :clusterName AND c.namespaceName = :namespaceName AND c.id > :afterId',
        {
          appId,
          clusterName,
          namespaceName,
          afterId,
        },
      )
      .getRawMany<{ author: string }>();
    return rows.map((row) => row.author);
  }
}
