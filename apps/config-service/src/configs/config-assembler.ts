import {
  clusterLookupOrder,
  matchesGrayRules,
  type GrayClient,
  joinReleaseKeys,
  mergeConfigurations,
  stripPropertiesSuffix,
  validateNamespaceName,
  watchedKeys,
} from '@houston/domain';
import type { GrayRuleCache } from '../gray/gray-rule-cache';
import type { AppNamespaceLookup } from '../namespaces/app-namespace-lookup';
import type { CanonicalNames } from '../namespaces/canonical-names';
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
  /** What gray rules match on: the client's IP and label. */
  ip?: string;
  label?: string;
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
  /** The release message keys whose messages can change this answer. */
  dependsOn: string[];
  /** Gray rules were consulted: the answer depends on the client's IP and label too. */
  grayRulesApply: boolean;
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
 * Apollo's read rules: strip `.properties`, resolve the names to the stored ones, look up the
 * app's own release cluster by cluster (requested → data center → default), do the same for
 * the public namespace's owner, and merge with the app's keys on top.
 *
 * Everything read is keyed by stored names, and a row is used only when it is stored under
 * exactly the names asked for: a database whose collation matches `SHOP` to `shop` must not
 * hand out a release under a key no release message will ever name.
 */
export class ConfigAssembler {
  constructor(
    private readonly releases: ReleaseCache,
    private readonly appNamespaces: AppNamespaceLookup,
    private readonly grayRules: GrayRuleCache,
    private readonly names: CanonicalNames,
  ) {}

  /** The request with its app id, cluster and data center spelt as stored. */
  private async canonical(request: ConfigRequest): Promise<ConfigRequest> {
    const names = await this.names.resolve(request);
    return { ...request, appId: names.appId, cluster: names.cluster, dataCenter: names.dataCenter };
  }

  async resolveNamespace(appId: string, clientNamespace: string): Promise<ResolvedNamespace> {
    const stripped = stripPropertiesSuffix(clientNamespace);
    // A name the admin API could not have created is refused rather than looked up.
    validateNamespaceName(stripped);
    const found = appId === NO_APP_ID_PLACEHOLDER ? null : await this.appNamespaces.own(appId, stripped);
    const own = found?.appId === appId ? found : null;
    const ownedByApp = own !== null || stripped === 'application';
    const publicNamespace = ownedByApp ? null : await this.appNamespaces.publicNamed(stripped);
    const name = own?.name ?? publicNamespace?.name ?? stripped;
    const format = own?.format ?? publicNamespace?.format ?? 'properties';
    const publicOwnerAppId =
      publicNamespace && publicNamespace.appId !== appId ? publicNamespace.appId : undefined;
    return { name, format, publicOwnerAppId, ownedByApp };
  }

  /**
   * What a long poll watches for one namespace: the message keys whose releases change what this
   * client reads. Every message of them wakes the poll, gray or not (the client re-reads /configs
   * with its own ip and label), so gray rules play no part here.
   */
  async watch(clientRequest: ConfigRequest): Promise<string[]> {
    const request = await this.canonical(clientRequest);
    return keysOf(request, await this.resolveNamespace(request.appId, request.namespace));
  }

  async assemble(clientRequest: ConfigRequest): Promise<AssembledConfig | null> {
    const request = await this.canonical(clientRequest);
    const resolved = await this.resolveNamespace(request.appId, request.namespace);
    const order = clusterLookupOrder(request.cluster, request.dataCenter);
    // For a public namespace the rule's client app is the app reading it, as in Apollo.
    const client: GrayClient = { appId: request.appId, ip: request.ip, label: request.label };
    const lookup = { client, grayRulesSeen: false };
    const ownRelease =
      request.appId === NO_APP_ID_PLACEHOLDER
        ? null
        : await this.firstRelease(request.appId, order, resolved.name, lookup);
    const sharedRelease = resolved.publicOwnerAppId
      ? await this.firstRelease(resolved.publicOwnerAppId, order, resolved.name, lookup)
      : null;
    const releases = [ownRelease, sharedRelease].filter(
      (release): release is ReleaseSnapshot => release !== null,
    );
    if (releases.length === 0) return null;
    return {
      appId: request.appId,
      cluster: ownRelease?.clusterName ?? request.cluster,
      namespaceName: clientRequest.namespace,
      // One release (the usual case) is served as it is; snapshots are never mutated.
      configurations:
        releases.length === 1
          ? (releases[0]!.configurations as Record<string, string>)
          : mergeConfigurations(sharedRelease?.configurations ?? null, ownRelease?.configurations ?? null),
      releaseKey: joinReleaseKeys(releases.map((release) => release.releaseKey)),
      format: resolved.format,
      releases,
      dependsOn: keysOf(request, resolved),
      grayRulesApply: lookup.grayRulesSeen,
    };
  }

  /**
   * The release of `appId`'s namespace this client gets, cluster by cluster; at each step a gray
   * rule matching the client wins over the main release (Apollo checks gray at every fallback step).
   */
  private async firstRelease(
    appId: string,
    clusters: string[],
    namespace: string,
    lookup: { client: GrayClient; grayRulesSeen: boolean },
  ): Promise<ReleaseSnapshot | null> {
    for (const cluster of clusters) {
      const rules = await this.grayRules.get(appId, cluster, namespace);
      if (rules.length > 0) lookup.grayRulesSeen = true;
      for (const rule of rules) {
        // Percentage rules bucket clients by the branch name: one rollout, one stable draw.
        if (!matchesGrayRules(rule.items, lookup.client, rule.branchName)) continue;
        const gray = await this.releases.get(appId, rule.branchName, namespace);
        if (gray && storedUnder(gray, appId, rule.branchName, namespace)) return gray;
      }
      const release = await this.releases.get(appId, cluster, namespace);
      if (release && storedUnder(release, appId, cluster, namespace)) return release;
    }
    return null;
  }
}

/** The release is the row of exactly these names, not one a case-insensitive collation matched. */
function storedUnder(release: ReleaseSnapshot, appId: string, cluster: string, namespace: string): boolean {
  return release.appId === appId && release.clusterName === cluster && release.namespaceName === namespace;
}

/** The release message keys that can change what `request` reads: what a poll watches, what an answer depends on. */
function keysOf(request: ConfigRequest, resolved: ResolvedNamespace): string[] {
  return watchedKeys({
    appId: request.appId,
    cluster: request.cluster,
    namespace: resolved.name,
    dataCenter: request.dataCenter,
    publicOwnerAppId: resolved.publicOwnerAppId,
  });
}
