import type { RepositoryPorts } from '@houston/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import { createInCluster } from './namespace-in-cluster.service';
import { locateCluster } from './namespace-locator';

/**
 * The app's private namespaces a cluster lacks (one deleted from that cluster alone), as
 * Apollo's portal finds them: public ones are not missing, a cluster may do without them.
 */
async function missingIn(repos: RepositoryPorts, appId: string, clusterName: string): Promise<string[]> {
  await locateCluster(repos, appId, clusterName);
  const present = new Set(
    (await repos.namespaces.listByCluster(appId, clusterName)).map((ns) => ns.namespaceName),
  );
  return (await repos.appNamespaces.listByApp(appId))
    .filter((definition) => !definition.isPublic && !present.has(definition.name))
    .map((definition) => definition.name)
    .sort();
}

@Injectable()
export class MissingNamespacesService {
  constructor(@Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions) {}

  list(appId: string, clusterName: string): Promise<string[]> {
    return missingIn(this.options.database.repos, appId, clusterName);
  }

  /** Makes every missing one in one transaction; answers their names. */
  create(appId: string, clusterName: string, operator: string): Promise<string[]> {
    return this.options.database.transaction(async (repos) => {
      const missing = await missingIn(repos, appId, clusterName);
      for (const name of missing) await createInCluster(repos, appId, clusterName, name, operator);
      return missing;
    });
  }
}
