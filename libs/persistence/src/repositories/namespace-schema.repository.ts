import { NamespaceSchemaEntity } from '@houston/entities';
import type { EntityManager } from 'typeorm';

export interface NamespaceSchemaVersion {
  appId: string;
  namespaceName: string;
  definition: string;
  comment: string;
  createdBy: string;
}

/** The versions of a namespace definition's JSON Schema; only ever added to. */
export class NamespaceSchemaRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(NamespaceSchemaEntity);
  }

  /** The newest version (in force when its definition is not empty), or null when there never was one. */
  latest(appId: string, namespaceName: string): Promise<NamespaceSchemaEntity | null> {
    return this.repo.findOne({ where: { appId, namespaceName }, order: { version: 'DESC' } });
  }

  /** Every version, newest first. */
  history(appId: string, namespaceName: string): Promise<NamespaceSchemaEntity[]> {
    return this.repo.find({ where: { appId, namespaceName }, order: { version: 'DESC' } });
  }

  /**
   * Adds the next version. Two writers racing both read the same latest version; the unique
   * index refuses the second insert (a unique violation the caller turns into a 409).
   */
  async append(version: NamespaceSchemaVersion): Promise<NamespaceSchemaEntity> {
    const latest = await this.latest(version.appId, version.namespaceName);
    return this.repo.save(this.repo.create({ ...version, version: (latest?.version ?? 0) + 1 }));
  }
}
