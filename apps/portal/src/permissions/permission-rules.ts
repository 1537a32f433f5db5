/**
 * Apollo's role model as plain rules (no framework, no database): who may do what, given the
 * roles a user holds. A super administrator may do everything.
 */
export const ROLES = [
  'CreateApplication',
  'Master',
  'ModifyNamespace',
  'ReleaseNamespace',
  'ModifyNamespacesInCluster',
  'ReleaseNamespacesInCluster',
  /** See the clear value of secret items (each reveal audited); never implied by another role. */
  'RevealSecrets',
] as const;
export type Role = (typeof ROLES)[number];

/** The app-scoped roles an app master hands out. */
export const APP_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'CreateApplication');

export interface Grant {
  role: string;
  appId: string;
  /** '' = every environment (namespace roles); required for the cluster roles. */
  env: string;
  clusterName: string;
  namespaceName: string;
}

export interface Actor {
  isSuperAdmin: boolean;
  grants: readonly Grant[];
}

export interface NamespaceScope {
  appId: string;
  env: string;
  cluster: string;
  namespace: string;
}

export type Need =
  | { kind: 'create-app' }
  | { kind: 'master'; appId: string }
  | { kind: 'modify' | 'release' | 'reveal'; scope: NamespaceScope }
  | { kind: 'member'; appId: string };

export function allows(actor: Actor, need: Need): boolean {
  if (actor.isSuperAdmin) return true;
  switch (need.kind) {
    case 'create-app':
      return actor.grants.some((grant) => grant.role === 'CreateApplication');
    case 'master':
      return actor.grants.some((grant) => grant.role === 'Master' && grant.appId === need.appId);
    case 'member':
      return actor.grants.some((grant) => grant.appId === need.appId && grant.appId !== '');
    case 'modify':
      return holdsNamespaceRole(actor, need.scope, 'ModifyNamespace', 'ModifyNamespacesInCluster');
    case 'release':
      return holdsNamespaceRole(actor, need.scope, 'ReleaseNamespace', 'ReleaseNamespacesInCluster');
    case 'reveal':
      return mayReveal(actor, need.scope);
  }
}

/**
 * RevealSecrets covers the app's namespace it names (every namespace when it names none) in the
 * environment it names (every one when none), in every cluster. Not even an app master holds it
 * without the grant: seeing production secrets is a decision of its own.
 */
function mayReveal(actor: Actor, scope: NamespaceScope): boolean {
  return actor.grants.some(
    (grant) =>
      grant.role === 'RevealSecrets' &&
      grant.appId === scope.appId &&
      (grant.namespaceName === '' || grant.namespaceName === scope.namespace) &&
      (grant.env === '' || grant.env === scope.env),
  );
}

/**
 * A namespace role covers the namespace in every environment (env '') or in the one named; a
 * cluster role (Apollo 2.4) covers every namespace of one cluster in one environment. Names are
 * compared exactly: a spelling the grant does not use is refused, never widened.
 */
function holdsNamespaceRole(
  actor: Actor,
  scope: NamespaceScope,
  namespaceRole: Role,
  clusterRole: Role,
): boolean {
  return actor.grants.some(
    (grant) =>
      grant.appId === scope.appId &&
      ((grant.role === namespaceRole &&
        grant.namespaceName === scope.namespace &&
        (grant.env === '' || grant.env === scope.env)) ||
        (grant.role === clusterRole && grant.env === scope.env && grant.clusterName === scope.cluster)),
  );
}

/** What a role must name, so that a grant is neither wider nor narrower than meant. */
export function grantShapeProblem(grant: Grant): string | undefined {
  const has = (field: keyof Grant) => grant[field] !== '';
  switch (grant.role as Role) {
    case 'CreateApplication':
      return has('appId') || has('env') || has('clusterName') || has('namespaceName')
        ? 'CreateApplication names no app, environment, cluster or namespace'
        : undefined;
    case 'Master':
      return !has('appId') || has('env') || has('clusterName') || has('namespaceName')
        ? 'Master names an app only'
        : undefined;
    case 'ModifyNamespace':
    case 'ReleaseNamespace':
      return !has('appId') || !has('namespaceName') || has('clusterName')
        ? `${grant.role} names an app and a namespace, and optionally an environment`
        : undefined;
    case 'RevealSecrets':
      return !has('appId') || has('clusterName')
        ? 'RevealSecrets names an app, and optionally a namespace and an environment'
        : undefined;
    case 'ModifyNamespacesInCluster':
    case 'ReleaseNamespacesInCluster':
      return !has('appId') || !has('env') || !has('clusterName') || has('namespaceName')
        ? `${grant.role} names an app, an environment and a cluster`
        : undefined;
    default:
      return `unknown role ${grant.role}; one of ${ROLES.join(', ')}`;
  }
}
