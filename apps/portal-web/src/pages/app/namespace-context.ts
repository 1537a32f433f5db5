import type { QueryClient } from '@tanstack/react-query';
import { nsPath } from '../../api/client';
import type { Namespace } from '../../api/types';

/** Another app's public namespace this app associates (the admin-service's association). */
export interface Association {
  namespaceName: string;
  ownerAppId: string;
  format: string;
}

/** One namespace of one cluster in one environment, and what the signed-in user may do there. */
export interface NamespaceContext {
  env: string;
  appId: string;
  cluster: string;
  namespace: Namespace;
  /** `/api/envs/{env}/apps/{appId}/clusters/{cluster}/namespaces/{namespace}` */
  path: string;
  canModify: boolean;
  canRelease: boolean;
  /** Set when the namespace is another app's public one, associated here to override its keys. */
  association?: Association;
  /** May see the clear value of secret items (the RevealSecrets role). */
  canReveal?: boolean;
}

export function namespaceContext(
  env: string,
  appId: string,
  cluster: string,
  namespace: Namespace,
  canModify: boolean,
  canRelease: boolean,
  association?: Association,
  canReveal = false,
): NamespaceContext {
  return {
    env,
    appId,
    cluster,
    namespace,
    path: nsPath(env, appId, cluster, namespace.namespaceName),
    canModify,
    canRelease,
    association,
    canReveal,
  };
}

/** Query keys of one namespace's reads; `namespacesKey` is the cluster's list (with items). */
export const namespacesKey = (env: string, appId: string, cluster: string) => [
  'namespaces',
  env,
  appId,
  cluster,
];
export const namespaceKey = (ns: NamespaceContext, what: string) => [
  'namespace',
  ns.env,
  ns.appId,
  ns.cluster,
  ns.namespace.namespaceName,
  what,
];

/** After a write: the cluster's namespaces and everything read about this one are fetched again. */
export async function refreshNamespace(queryClient: QueryClient, ns: NamespaceContext): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: namespacesKey(ns.env, ns.appId, ns.cluster) }),
    queryClient.invalidateQueries({
      queryKey: ['namespace', ns.env, ns.appId, ns.cluster, ns.namespace.namespaceName],
    }),
  ]);
}

/**
 * Values the portal hides from people who are not members of the app (member-only environments);
 * the admin-service masks secret items the same way.
 */
export const HIDDEN_VALUE = '******';
