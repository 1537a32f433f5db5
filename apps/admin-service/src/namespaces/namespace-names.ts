import { DEFAULT_CLUSTER } from '@houston/domain';
import type { RepositoryPorts } from '@houston/persistence';

/**
 * Every namespace an app has in each of its clusters: its own definitions and the public ones it
 * associated (those have no definition of the app's own, only namespace rows).
 */
export async function namespaceNamesOf(repos: RepositoryPorts, appId: string): Promise<string[]> {
  const own = (await repos.appNamespaces.listByApp(appId)).map((definition) => definition.name);
  const inDefault = (await repos.namespaces.listByCluster(appId, DEFAULT_CLUSTER)).map(
    (ns) => ns.namespaceName,
  );
  return [...new Set([...own, ...inDefault])];
}
