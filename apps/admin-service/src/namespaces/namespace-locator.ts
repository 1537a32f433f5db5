import { DomainError, stripPropertiesSuffix } from '@houston/domain';
import type { AppEntity, AppNamespaceEntity, ClusterEntity, NamespaceEntity } from '@houston/entities';
import type { RepositoryPorts } from '@houston/persistence';

export interface NamespaceAddress {
  appId: string;
  cluster: string;
  namespace: string;
}

export interface LocatedNamespace {
  app: AppEntity;
  cluster: ClusterEntity;
  namespace: NamespaceEntity;
  /** The app's own definition, or the owner's for an associated public namespace. */
  definition: AppNamespaceEntity;
  /** True when the namespace is another app's public one, associated here to override keys. */
  associated: boolean;
}

/** The definition a name has in an app: its own, or the public one it associated. */
export async function definitionFor(
  repos: RepositoryPorts,
  appId: string,
  name: string,
): Promise<{ definition: AppNamespaceEntity; associated: boolean } | null> {
  const own = await repos.appNamespaces.findByAppAndName(appId, name);
  if (own) return { definition: own, associated: false };
  const shared = await repos.appNamespaces.findPublicByName(name);
  return shared && shared.appId !== appId ? { definition: shared, associated: true } : null;
}

/** Finds what a path names, or says precisely which part does not exist (404). */
export async function locateApp(repos: RepositoryPorts, appId: string): Promise<AppEntity> {
  const app = await repos.apps.findByAppId(appId);
  if (!app) throw new DomainError('NOT_FOUND', `app ${appId} does not exist`, { appId });
  return app;
}

export async function locateCluster(
  repos: RepositoryPorts,
  appId: string,
  cluster: string,
): Promise<ClusterEntity> {
  await locateApp(repos, appId);
  const found = await repos.clusters.find(appId, cluster);
  if (!found)
    throw new DomainError('NOT_FOUND', `cluster ${cluster} of app ${appId} does not exist`, {
      appId,
      cluster,
    });
  return found;
}

export function namespaceMissing(address: NamespaceAddress): DomainError {
  return new DomainError(
    'NOT_FOUND',
    `namespace ${address.namespace} does not exist in ${address.appId}/${address.cluster}`,
    { ...address },
  );
}

export async function locateNamespace(
  repos: RepositoryPorts,
  address: NamespaceAddress,
): Promise<LocatedNamespace> {
  const app = await locateApp(repos, address.appId);
  const cluster = await repos.clusters.find(address.appId, address.cluster);
  if (!cluster) {
    throw new DomainError('NOT_FOUND', `cluster ${address.cluster} of app ${address.appId} does not exist`, {
      ...address,
    });
  }
  const found = await definitionFor(repos, address.appId, stripPropertiesSuffix(address.namespace));
  const namespace = found
    ? await repos.namespaces.find(address.appId, address.cluster, found.definition.name)
    : null;
  if (!found || !namespace) throw namespaceMissing(address);
  return { app, cluster, namespace, definition: found.definition, associated: found.associated };
}
