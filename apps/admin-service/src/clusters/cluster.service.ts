import { DEFAULT_CLUSTER, DomainError, validateClusterName } from '@houston/domain';
import type { ClusterEntity } from '@houston/entities';
import { isUniqueViolation, type RepositoryPorts } from '@houston/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import { auditFields } from '../common/audit-fields';
import { locateApp, locateCluster } from '../namespaces/namespace-locator';
import { namespaceNamesOf } from '../namespaces/namespace-names';
import { softDeleteNamespaces } from '../namespaces/namespace-removal';
import { ReleaseAnnouncer, type Announce } from '../releases/release-announcer';
import type { ClusterDto } from './cluster.dto';

export function toClusterDto(cluster: ClusterEntity): ClusterDto {
  return {
    id: cluster.id,
    name: cluster.name,
    appId: cluster.appId,
    comment: cluster.comment,
    parentClusterId: cluster.parentClusterId,
    ...auditFields(cluster),
  };
}

/** Removes a cluster's namespaces and their items; shared by cluster and app deletion. */
export async function softDeleteClusterContents(
  repos: RepositoryPorts,
  announce: Announce,
  cluster: ClusterEntity,
  operator: string,
): Promise<void> {
  await softDeleteNamespaces(
    repos,
    announce,
    await repos.namespaces.listByCluster(cluster.appId, cluster.name),
    operator,
  );
}

@Injectable()
export class ClusterService {
  constructor(
    @Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions,
    private readonly announcer: ReleaseAnnouncer,
  ) {}

  private get database() {
    return this.options.database;
  }

  async list(appId: string): Promise<ClusterDto[]> {
    await locateApp(this.database.repos, appId);
    return (await this.database.repos.clusters.listByApp(appId)).map(toClusterDto);
  }

  async get(appId: string, name: string): Promise<ClusterDto> {
    return toClusterDto(await locateCluster(this.database.repos, appId, name));
  }

  /** A new cluster gets an instance of every namespace the app defines. */
  async create(appId: string, name: string, comment: string, operator: string): Promise<ClusterDto> {
    validateClusterName(name);
    try {
      const cluster = await this.database.transaction(async (repos) => {
        await locateApp(repos, appId);
        if (await repos.clusters.find(appId, name)) {
          throw new DomainError('ALREADY_EXISTS', `cluster ${name} of app ${appId} already exists`, {
            appId,
            cluster: name,
          });
        }
        const who = { createdBy: operator, lastModifiedBy: operator };
        const created = await repos.clusters.insert({ appId, name, comment, parentClusterId: 0, ...who });
        for (const namespaceName of await namespaceNamesOf(repos, appId)) {
          await repos.namespaces.insert({ appId, clusterName: name, namespaceName, ...who });
        }
        await repos.audits.record('Cluster', created.id, 'INSERT', operator);
        return created;
      });
      return toClusterDto(cluster);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError('ALREADY_EXISTS', `cluster ${name} of app ${appId} already exists`, {
          appId,
          cluster: name,
        });
      }
      throw error;
    }
  }

  async delete(appId: string, name: string, operator: string): Promise<void> {
    if (name === DEFAULT_CLUSTER) {
      throw new DomainError('CONFLICT', 'the default cluster cannot be deleted; delete the app instead', {
        cluster: name,
      });
    }
    await this.announcer.transaction(async (repos, announce) => {
      const cluster = await locateCluster(repos, appId, name);
      for (const branch of await repos.clusters.listChildren(cluster.id)) {
        await softDeleteClusterContents(repos, announce, branch, operator);
        await repos.clusters.softDelete(branch.id, operator);
      }
      await softDeleteClusterContents(repos, announce, cluster, operator);
      await repos.clusters.softDelete(cluster.id, operator);
      await repos.audits.record('Cluster', cluster.id, 'DELETE', operator);
    });
  }
}
