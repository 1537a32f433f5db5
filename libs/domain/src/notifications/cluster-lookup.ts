import { messageKey } from './message-key';

export const DEFAULT_CLUSTER = 'default';

/** Apollo's stand-in app id for clients that have none; such clients read public namespaces only. */
const NO_APP_ID_PLACEHOLDER = 'ApolloNoAppIdPlaceHolder';

/**
 * Clusters tried, in order, for a client's config: its own cluster, then its data center's, then
 * `default` (Apollo's AbstractConfigService fallback).
 */
export function clusterLookupOrder(cluster: string, dataCenter?: string | null): string[] {
  const order: string[] = [];
  const add = (name: string): void => {
    if (!order.includes(name)) order.push(name);
  };
  if (cluster && cluster !== DEFAULT_CLUSTER) add(cluster);
  if (dataCenter && dataCenter !== cluster) add(dataCenter);
  add(DEFAULT_CLUSTER);
  return order;
}

export interface WatchQuery {
  appId: string;
  cluster: string;
  namespace: string;
  dataCenter?: string | null;
  /** Set when the namespace is a public one owned by another app. */
  publicOwnerAppId?: string | null;
}

/**
 * The ReleaseMessage keys whose change must wake a long poll: every cluster the client may be served
 * from, for the app and, for an associated public namespace, for its owner (Apollo's WatchKeysUtil).
 */
export function watchedKeys(q: WatchQuery): string[] {
  const clusters = clusterLookupOrder(q.cluster, q.dataCenter);
  const apps = [q.appId, q.publicOwnerAppId].filter(
    (appId): appId is string => !!appId && appId.toLowerCase() !== NO_APP_ID_PLACEHOLDER.toLowerCase(),
  );
  const keys: string[] = [];
  for (const appId of apps) {
    for (const cluster of clusters) {
      const key = messageKey(appId, cluster, q.namespace);
      if (!keys.includes(key)) keys.push(key);
    }
  }
  return keys;
}
