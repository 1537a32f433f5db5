import type { Grant, MyPermissions } from './api/types';

export interface NamespaceScope {
  env: string;
  cluster: string;
  namespace: string;
}

function grants(
  permissions: MyPermissions | undefined,
  namespaceRole: string,
  clusterRole: string,
  scope: NamespaceScope,
) {
  if (!permissions) return false;
  if (permissions.isSuperAdmin) return true;
  return permissions.grants.some(
    (grant: Grant) =>
      (grant.role === namespaceRole &&
        grant.namespaceName === scope.namespace &&
        (grant.env === '' || grant.env === scope.env)) ||
      (grant.role === clusterRole && grant.env === scope.env && grant.clusterName === scope.cluster),
  );
}

/**
 * Whether the signed-in user may edit a namespace: the portal's rule (apps/portal README, Roles)
 * repeated so the console shows only the buttons that will work. The portal still decides.
 */
export function mayModify(permissions: MyPermissions | undefined, scope: NamespaceScope): boolean {
  return grants(permissions, 'ModifyNamespace', 'ModifyNamespacesInCluster', scope);
}

export function mayRelease(permissions: MyPermissions | undefined, scope: NamespaceScope): boolean {
  return grants(permissions, 'ReleaseNamespace', 'ReleaseNamespacesInCluster', scope);
}

/**
 * Whether the user may see secret values of the namespace: the RevealSecrets role names the
 * namespace or none (every namespace), and the environment or none.
 */
export function mayReveal(permissions: MyPermissions | undefined, scope: NamespaceScope): boolean {
  if (!permissions) return false;
  if (permissions.isSuperAdmin) return true;
  return permissions.grants.some(
    (grant) =>
      grant.role === 'RevealSecrets' &&
      (grant.namespaceName === '' || grant.namespaceName === scope.namespace) &&
      (grant.env === '' || grant.env === scope.env),
  );
}

export function isMaster(permissions: MyPermissions | undefined): boolean {
  return Boolean(permissions?.isSuperAdmin || permissions?.isMaster);
}
