import type { NamespaceEntity } from '@houston/entities';
import type { RepositoryPorts } from '@houston/persistence';
import type { Announce } from '../releases/release-announcer';

/**
 * Soft-deletes namespace instances with their items and releases, and tells clients: a release
 * message per namespace makes them fetch again (and find nothing, or only a public owner's).
 */
export async function softDeleteNamespaces(
  repos: RepositoryPorts,
  announce: Announce,
  namespaces: NamespaceEntity[],
  operator: string,
): Promise<void> {
  const ids = namespaces.map((namespace) => namespace.id);
  await repos.items.softDeleteByNamespaces(ids, operator);
  await repos.namespaces.softDelete(ids, operator);
  for (const ns of namespaces) {
    await repos.releases.softDeleteByNamespace(
      { appId: ns.appId, clusterName: ns.clusterName, namespaceName: ns.namespaceName },
      operator,
    );
    await announce({ appId: ns.appId, clusterName: ns.clusterName, namespaceName: ns.namespaceName });
  }
}
