import { InstanceConfigEntity } from '@houston/entities';
import type { EntityManager } from 'typeorm';
import type { NamespaceRef } from './release.repository';

/** The instance_config rows config-service records (which release each client read). */
export class InstanceConfigRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Forgets which clients read a namespace that is deleted (Apollo deletes these rows too). */
  async deleteByNamespace(ref: NamespaceRef): Promise<void> {
    await this.manager.getRepository(InstanceConfigEntity).delete({
      configAppId: ref.appId,
      configClusterName: ref.clusterName,
      configNamespaceName: ref.namespaceName,
    });
  }
}
