import { DomainError, stripPropertiesSuffix } from '@houston/domain';
import { BranchStatus, type NamespaceEntity } from '@houston/entities';
import { isUniqueViolation, type NamespaceRef, type RepositoryPorts } from '@houston/persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import { instanceStoreOf } from '../instances/instance-store-of';
import { DEFAULT_NAMESPACE } from '../apps/app.service';
import { ReleaseAnnouncer, type Announce } from '../releases/release-announcer';
import {
  definitionFor,
  locateCluster,
  locateNamespace,
  namespaceMissing,
  type LocatedNamespace,
  type NamespaceAddress,
} from './namespace-locator';
import { describeNamespace } from './namespace.service';
import { softDeleteNamespaces } from './namespace-removal';
import type { NamespaceDto } from './namespace.dto';

/**
 * One namespace in one cluster (Apollo's Namespace, as opposed to its AppNamespace definition):
 * made there again after it was deleted from that cluster alone, or deleted from it alone.
 */
@Injectable()
export class NamespaceInClusterService {
  private readonly logger = new Logger('NamespaceInClusterService');

  constructor(
    @Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions,
    private readonly announcer: ReleaseAnnouncer,
  ) {}

  private get database() {
    return this.options.database;
  }

  /**
   * Instantiates a definition in one cluster: one of the app's own, or another app's public
   * namespace (an association in that cluster). 409 when the cluster already has it.
   */
  async create(
    appId: string,
    clusterName: string,
    namespaceName: string,
    operator: string,
  ): Promise<NamespaceDto> {
    try {
      return await this.database.transaction(async (repos) => {
        const created = await createInCluster(repos, appId, clusterName, namespaceName, operator);
        return describeNamespace(
          repos,
          await locateNamespace(repos, { appId, cluster: clusterName, namespace: created.namespaceName }),
        );
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyThere(appId, clusterName, namespaceName);
      throw error;
    }
  }

  /**
   * Deletes the namespace from this cluster only, in one transaction, as Apollo's admin-service
   * does: its items, commits, releases and release history, its gray branch (with the branch's
   * items and releases), its lock and the instance rows of clients that read it; clients are told.
   * Refused (409) for `application`, for a gray branch (abandon it instead), under a running
   * rollout, and for an app's own public namespace while other apps associate it; each refusal
   * names itself in `details.reason`: APPLICATION_NAMESPACE, GRAY_BRANCH, ROLLOUT_ACTIVE,
   * PUBLIC_NAMESPACE_ASSOCIATED.
   */
  async delete(address: NamespaceAddress, operator: string): Promise<void> {
    const found = await locateNamespace(this.database.repos, address);
    const deleted: NamespaceRef[] = [];
    await this.announcer.transaction(async (repos, announce) => {
      deleted.length = 0; // a retried transaction starts over
      const namespace = await repos.namespaces.lockForUpdate(found.namespace.id);
      if (!namespace) throw namespaceMissing(address);
      await refuseDeletion(repos, { ...found, namespace });
      const ref: NamespaceRef = {
        appId: namespace.appId,
        clusterName: namespace.clusterName,
        namespaceName: namespace.namespaceName,
      };
      for (const rule of await repos.grayRules.listActive(ref)) {
        await repos.grayRules.update(rule.id, {
          branchStatus: BranchStatus.DELETED,
          lastModifiedBy: operator,
        });
        const branch = await repos.namespaces.find(ref.appId, rule.branchName, ref.namespaceName);
        if (branch) deleted.push(await deleteOne(repos, announce, branch, operator));
        const cluster = await repos.clusters.find(ref.appId, rule.branchName);
        if (cluster) await repos.clusters.softDelete(cluster.id, operator);
        await repos.audits.record('GrayBranch', rule.id, 'DELETE', operator, 'namespace deleted');
      }
      deleted.push(await deleteOne(repos, announce, namespace, operator));
      await repos.releaseHistories.softDeleteByNamespace(ref, operator);
      await repos.audits.record(
        'Namespace',
        namespace.id,
        'DELETE',
        operator,
        `deleted from cluster ${ref.clusterName}`,
      );
    });
    // Instances kept outside the database (Redis) are forgotten once the deletion is committed; if
    // that fails they only show until they expire, which is no reason to fail the deletion.
    const instances = instanceStoreOf(this.options);
    for (const ref of deleted) {
      await instances.forgetNamespace(ref).catch((error: unknown) => {
        this.logger.warn(
          `instances of ${ref.appId}/${ref.clusterName}/${ref.namespaceName} not forgotten: ${String(error)}`,
        );
      });
    }
  }
}

async function deleteOne(
  repos: RepositoryPorts,
  announce: Announce,
  namespace: NamespaceEntity,
  operator: string,
): Promise<NamespaceRef> {
  const ref = {
    appId: namespace.appId,
    clusterName: namespace.clusterName,
    namespaceName: namespace.namespaceName,
  };
  await softDeleteNamespaces(repos, announce, [namespace], operator);
  await repos.commits.softDeleteByNamespace(ref, operator);
  await repos.namespaceLocks.delete(namespace.id);
  await repos.instanceConfigs.deleteByNamespace(ref);
  return ref;
}

async function refuseDeletion(repos: RepositoryPorts, located: LocatedNamespace): Promise<void> {
  const { namespace } = located;
  if (located.cluster.parentClusterId) {
    throw new DomainError(
      'CONFLICT',
      `${namespace.clusterName} is a gray branch; abandon the branch instead`,
      { reason: 'GRAY_BRANCH', cluster: namespace.clusterName },
    );
  }
  if (namespace.namespaceName === DEFAULT_NAMESPACE) {
    throw new DomainError('CONFLICT', 'the application namespace cannot be deleted', {
      reason: 'APPLICATION_NAMESPACE',
      namespace: namespace.namespaceName,
    });
  }
  const rollout = await repos.rollouts.findActive({
    appId: namespace.appId,
    clusterName: namespace.clusterName,
    namespaceName: namespace.namespaceName,
  });
  if (rollout) {
    throw new DomainError('CONFLICT', `rollout ${rollout.id} is running on this namespace; abort it first`, {
      reason: 'ROLLOUT_ACTIVE',
      rolloutId: rollout.id,
    });
  }
  if (!located.associated && located.definition.isPublic) {
    const associating = await repos.namespaces.appsAssociating(namespace.namespaceName, namespace.appId);
    if (associating.length > 0) {
      throw new DomainError(
        'CONFLICT',
        `public namespace ${namespace.namespaceName} is associated by ${associating.join(', ')}`,
        {
          reason: 'PUBLIC_NAMESPACE_ASSOCIATED',
          namespace: namespace.namespaceName,
          associatedBy: associating,
        },
      );
    }
  }
}

function alreadyThere(appId: string, clusterName: string, namespaceName: string): DomainError {
  return new DomainError(
    'ALREADY_EXISTS',
    `namespace ${namespaceName} already exists in ${appId}/${clusterName}`,
    { appId, cluster: clusterName, namespace: namespaceName },
  );
}

/** Inserts one namespace row in a real cluster, inside the caller's transaction. */
export async function createInCluster(
  repos: RepositoryPorts,
  appId: string,
  clusterName: string,
  namespaceName: string,
  operator: string,
): Promise<NamespaceEntity> {
  const cluster = await locateCluster(repos, appId, clusterName);
  if (cluster.parentClusterId) {
    throw new DomainError('CONFLICT', `${clusterName} is a gray branch; create a branch instead`, {
      reason: 'GRAY_BRANCH',
      cluster: clusterName,
    });
  }
  const found = await definitionFor(repos, appId, stripPropertiesSuffix(namespaceName));
  if (!found) {
    throw new DomainError(
      'NOT_FOUND',
      `app ${appId} has no namespace ${namespaceName} and there is no public one of that name`,
      { appId, namespace: namespaceName },
    );
  }
  const name = found.definition.name;
  if (await repos.namespaces.find(appId, clusterName, name)) throw alreadyThere(appId, clusterName, name);
  const created = await repos.namespaces.insert({
    appId,
    clusterName,
    namespaceName: name,
    createdBy: operator,
    lastModifiedBy: operator,
  });
  await repos.audits.record(
    'Namespace',
    created.id,
    'INSERT',
    operator,
    found.associated ? `associate ${found.definition.appId}/${name} in ${clusterName}` : `in ${clusterName}`,
  );
  return created;
}
