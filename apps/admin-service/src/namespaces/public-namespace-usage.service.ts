import { DomainError } from '@houston/domain';
import type { AppNamespaceEntity } from '@houston/entities';
import type { RepositoryPorts } from '@houston/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import { auditFields } from '../common/audit-fields';
import type { PublicNamespaceInstanceDto } from './namespace.dto';

async function publicDefinition(repos: RepositoryPorts, name: string): Promise<AppNamespaceEntity> {
  const definition = await repos.appNamespaces.findPublicByName(name);
  if (!definition)
    throw new DomainError('NOT_FOUND', `there is no public namespace ${name}`, { namespace: name });
  return definition;
}

/** Where a public namespace is: its owner's clusters and the apps that associate it (Apollo's admin API). */
@Injectable()
export class PublicNamespaceUsageService {
  constructor(@Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions) {}

  /** Every namespace of that name in a real cluster, of the owner and of associating apps, oldest first. */
  async instances(name: string, page: number, size: number): Promise<PublicNamespaceInstanceDto[]> {
    const repos = this.options.database.repos;
    const definition = await publicDefinition(repos, name);
    return (await repos.namespaces.listInRealClusters(definition.name, page, size)).map((ns) => ({
      appId: ns.appId,
      clusterName: ns.clusterName,
      namespaceName: ns.namespaceName,
      format: definition.format,
      isPublic: true,
      comment: definition.comment,
      ...auditFields(ns),
    }));
  }

  /** How many namespaces of other apps associate it, one per cluster (Apollo's count). */
  async associationCount(name: string): Promise<number> {
    const repos = this.options.database.repos;
    const definition = await publicDefinition(repos, name);
    return repos.namespaces.countAssociations(definition.name, definition.appId);
  }
}
