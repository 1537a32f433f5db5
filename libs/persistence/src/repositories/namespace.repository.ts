import { ClusterEntity, NamespaceEntity } from '@houston/entities';
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

  /**
   * Holds the namespace's row until the transaction ends, so edits and releases of one namespace
   * are serialized (a release then snapshots exactly the items it saw), and returns the row as
   * now committed, or null once deleted. It must be the transaction's first statement: on MySQL
   * the REPEATABLE READ snapshot is taken by the first plain read, and one taken before the lock
   * would hide what the previous holder committed. SQLite transactions are already serialized
   * by Database, and SQLite has no row locks.
   */
  async lockForUpdate(id: number): Promise<NamespaceEntity | null> {
    const query = this.repo.createQueryBuilder('ns').where('ns.id = :id', { id });
    if (this.manager.connection.options.type === 'mysql') query.setLock('pessimistic_write');
    const row = await query.getOne();
    return row && !row.isDeleted ? row : null;
  }

  /** Apps other than `ownerAppId` that have a namespace of this name (they associated it). */
  async appsAssociating(namespaceName: string, ownerAppId: string): Promise<string[]> {
    const rows = await this.repo
      .createQueryBuilder('ns')
      .select('DISTINCT ns.appId', 'appId')
      .where('ns.namespaceName = :namespaceName AND ns.appId <> :ownerAppId AND ns.isDeleted = :deleted', {
        namespaceName,
        ownerAppId,
        deleted: false,
      })
      .getRawMany<{ appId: string }>();
    return rows.map((row) => row.appId);
  }

  /**
   * Namespaces of this name in real clusters (not gray branches), of every app, oldest first:
   * a public namespace's own instances and those of the apps that associate it.
   */
  listInRealClusters(namespaceName: string, page: number, size: number): Promise<NamespaceEntity[]> {
    return this.inRealClusters(namespaceName)
      .orderBy('ns.id', 'ASC')
      .skip(page * size)
      .take(size)
      .getMany();
  }

  /** How many namespaces of other apps than `ownerAppId` associate this one, one per cluster. */
  countAssociations(namespaceName: string, ownerAppId: string): Promise<number> {
    return this.inRealClusters(namespaceName).andWhere('ns.appId <> :ownerAppId', { ownerAppId }).getCount();
  }

  private inRealClusters(namespaceName: string) {
    return this.repo
      .createQueryBuilder('ns')
      .innerJoin(
        ClusterEntity,
        'c',
        'c.appId = ns.appId AND c.name = ns.clusterName AND c.isDeleted = :deleted AND c.parentClusterId = 0',
      )
      .where('ns.namespaceName = :namespaceName AND ns.isDeleted = :deleted', {
        namespaceName,
        deleted: false,
      });
  }

  insert(row: Partial<NamespaceEntity>): Promise<NamespaceEntity> {
    return this.repo.save(this.repo.create(row));
  }

  async softDelete(ids: number[], operator: string): Promise<void> {
    if (ids.length > 0) await this.repo.update(ids, softDeleted(operator));
  }
}
