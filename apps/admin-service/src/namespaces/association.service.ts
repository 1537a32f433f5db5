import { DEFAULT_CLUSTER, DomainError, stripPropertiesSuffix } from '@houston/domain';
import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import { locateApp } from './namespace-locator';
import { ReleaseAnnouncer } from '../releases/release-announcer';
import { softDeleteNamespaces } from './namespace-removal';
import { AssociatedNamespaceDto, PublicAppNamespaceDto } from './namespace.dto';

/**
 * Apollo's association: an app takes another app's public namespace into its clusters, where it
 * can override keys. Clients of the app then read the owner's release with the app's released
 * overrides on top (config-service merges them).
 */
@Injectable()
export class AssociationService {
  constructor(
    @Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions,
    private readonly announcer: ReleaseAnnouncer,
  ) {}

  private get database() {
    return this.options.database;
  }

  async list(appId: string): Promise<AssociatedNamespaceDto[]> {
    const repos = this.database.repos;
    await locateApp(repos, appId);
    const own = new Set((await repos.appNamespaces.listByApp(appId)).map((definition) => definition.name));
    const associated: AssociatedNamespaceDto[] = [];
    for (const ns of await repos.namespaces.listByCluster(appId, DEFAULT_CLUSTER)) {
      if (own.has(ns.namespaceName)) continue;
      const shared = await repos.appNamespaces.findPublicByName(ns.namespaceName);
      if (shared)
        associated.push({ namespaceName: shared.name, ownerAppId: shared.appId, format: shared.format });
    }
    return associated;
  }

  /** Every app's public namespaces, by name: what an app may associate (at most 1000). */
  async listPublic(): Promise<PublicAppNamespaceDto[]> {
    return (await this.database.repos.appNamespaces.listPublic(1000)).map((definition) => ({
      namespaceName: definition.name,
      ownerAppId: definition.appId,
      format: definition.format,
      comment: definition.comment,
    }));
  }

  async associate(appId: string, namespaceName: string, operator: string): Promise<AssociatedNamespaceDto> {
    const name = stripPropertiesSuffix(namespaceName);
    return this.database.transaction(async (repos) => {
      await locateApp(repos, appId);
      const shared = await repos.appNamespaces.findPublicByName(name);
      if (!shared)
        throw new DomainError('NOT_FOUND', `there is no public namespace ${name}`, { namespaceName: name });
      if (shared.appId === appId) {
        throw new DomainError('CONFLICT', `${name} is ${appId}'s own namespace; edit it directly`, {
          namespaceName: name,
        });
      }
      if (await repos.appNamespaces.findByAppAndName(appId, shared.name)) {
        throw new DomainError('CONFLICT', `app ${appId} has a namespace of its own named ${shared.name}`, {
          namespaceName: name,
        });
      }
      if (await repos.namespaces.find(appId, DEFAULT_CLUSTER, shared.name)) {
        throw new DomainError('ALREADY_EXISTS', `app ${appId} already associates ${shared.name}`, {
          namespaceName: shared.name,
        });
      }
      const who = { createdBy: operator, lastModifiedBy: operator };
      for (const cluster of await repos.clusters.listByApp(appId)) {
        const created = await repos.namespaces.insert({
          appId,
          clusterName: cluster.name,
          namespaceName: shared.name,
          ...who,
        });
        await repos.audits.record(
          'Namespace',
          created.id,
          'INSERT',
          operator,
          `associate ${shared.appId}/${shared.name}`,
        );
      }
      return { namespaceName: shared.name, ownerAppId: shared.appId, format: shared.format };
    });
  }

  /** Drops the association in every cluster with its overrides; the overrides' releases stay as history. */
  async dissociate(appId: string, namespaceName: string, operator: string): Promise<void> {
    const name = stripPropertiesSuffix(namespaceName);
    await this.announcer.transaction(async (repos, announce) => {
      await locateApp(repos, appId);
      if (await repos.appNamespaces.findByAppAndName(appId, name)) {
        throw new DomainError('CONFLICT', `${name} is ${appId}'s own namespace, not an association`, {
          namespaceName: name,
        });
      }
      const rows = await repos.namespaces.listByName(appId, name);
      if (rows.length === 0)
        throw new DomainError('NOT_FOUND', `app ${appId} does not associate ${name}`, {
          namespaceName: name,
        });
      await softDeleteNamespaces(repos, announce, rows, operator);
      for (const row of rows)
        await repos.audits.record('Namespace', row.id, 'DELETE', operator, 'dissociate');
    });
  }
}
