import {
  clusterLookupOrder,
  joinReleaseKeys,
  mergeConfigurations,
  stripPropertiesSuffix,
  watchedKeys,
} from '@houston/domain';
import type { AppNamespaceLookup } from '../namespaces/app-namespace-lookup';
import type { ReleaseCache } from '../releases/release-cache';
import type { ReleaseSnapshot } from '../releases/release-snapshot';

/** Clients without an app id (Apollo's placeholder) may read public namespaces only. */
export const NO_APP_ID_PLACEHOLDER = 'ApolloNoAppIdPlaceHolder';

export interface ConfigRequest {
  appId: string;
  cluster: string;
  /** As the client spelt it. */
  namespace: string;
  dataCenter?: string;
}

export interface AssembledConfig {
  appId: string;
  /** The cluster that served the app's own release, after fallback. */
  cluster: string;
  namespaceName: string;
  configurations: Record<string, string>;
  releaseKey: string;
  format: string;
  /** The releases merged, app's own first. */
  releases: ReleaseSnapshot[];
}

export interface ResolvedNamespace {
  /** The stored name the client's spelling resolves to. */
  name: string;
  format: string;
  /** Owner of the public namespace of that name, when the app reads one it does not own. */
  publicOwnerAppId?: string;
  ownedByApp: boolean;
}

/**
 * Apollo's read rules: strip `.properties`, resolve the name to the stored one, look up the
 * app's own release cluster by cluster (requested → data center → default), do the same for
 * the public namespace's owner, and merge with the app's keys on top.
 */
export class ConfigAssembler {
  constructor(
    private readonly releases: ReleaseCache,
    private readonly appNamespaces: AppNamespaceLookup,
  ) {}

  async resolveNamespace(appId: string, clientNamespace: string): Promise<ResolvedNamespace> {
    const stripped = stripPropertiesSuffix(clientNamespace);
    const own = appId === NO_APP_ID_PLACEHOLDER ? null : await this.appNamespaces.own(appId, stripped);
    const ownedByApp = own !== null || stripped === 'application';
    const publicNamespace = ownedByApp ? null : await this.appNamespaces.publicNamed(stripped);
    const name = own?.name ?? publicNamespace?.name ?? stripped;
    const format = own?.format ?? publicNamespace?.format ?? 'properties';
    const publicOwnerAppId =
      publicNamespace && publicNamespace.appId !== appId ? publicNamespace.appId : undefined;
    return { name, format, publicOwnerAppId, ownedByApp };
  }

  /** Message keys whose releases change what this client reads. */
  async watchedKeys(request: ConfigRequest): Promise<string[]> {
    const resolved = await this.resolveNamespace(request.appId, request.namespace);
    return watchedKeys({
      appId: request.appId,
      cluster: request.cluster,
      namespace: resolved.name,
      dataCenter: request.dataCenter,
      publicOwnerAppId: resolved.publicOwnerAppId,
    });
  }

  async assemble(request: ConfigRequest): Promise<AssembledConfig | null> {
    const resolved = await this.resolveNamespace(request.appId, request.namespace);
    const order = clusterLookupOrder(request.cluster, request.dataCenter);
    const ownRelease =
      request.appId === NO_APP_ID_PLACEHOLDER
        ? null
        : await this.firstRelease(request.appId, order, resolved.name);
    const sharedRelease = resolved.publicOwnerAppId
      ? await this.firstRelease(resolved.publicOwnerAppId, order, resolved.name)
      : null;
    const releases = [ownRelease, sharedRelease].filter(
      (release): release is ReleaseSnapshot => release !== null,
    );
    if (releases.length === 0) return null;
    return {
      appId: request.appId,
      cluster: ownRelease?.clusterName ?? request.cluster,
      namespaceName: request.namespace,
      configurations: mergeConfigurations(
        sharedRelease?.configurations ?? null,
        ownRelease?.configurations ?? null,
      ),
      releaseKey: joinReleaseKeys(releases.map((release) => release.releaseKey)),
      format: resolved.format,
      releases,
    };
  }

  private async firstRelease(
    appId: string,
    clusters: string[],
    namespace: string,
  ): Promise<ReleaseSnapshot | null> {
    for (const cluster of clusters) {
      const release = await this.releases.get(appId, cluster, namespace);
      if (release) return release;
    }
    return null;
  }
}
