/**
 * What an Open API consumer may do, from its grants (Apollo's consumer roles). Plain functions:
 * the guard and the handlers read them against the request's app, namespace and environment.
 */
export interface ConsumerGrant {
  appId: string;
  /** '' is the whole app (Apollo's app role), otherwise one namespace (modify and release). */
  namespaceName: string;
  /** '' is every environment, otherwise only this one (upper case). */
  env: string;
}

export type ConsumerAction =
  /** Reading an app's configuration: any grant on the app that covers the environment. */
  | { kind: 'read'; appId: string; env?: string }
  /** Editing (items, gray rules) or releasing (releases, rollback, gray release, merge) a namespace. */
  | { kind: 'modify' | 'release'; appId: string; namespaceName: string; env: string }
  /** Creating clusters, namespaces and branches of the app (Apollo's app role). */
  | { kind: 'app'; appId: string; env?: string };

function coversEnv(grant: ConsumerGrant, env: string | undefined): boolean {
  return grant.env === '' || env === undefined || grant.env === env.toUpperCase();
}

/** Names are compared exactly, as in the portal's own roles: a differently spelled path is refused. */
export function consumerMay(grants: readonly ConsumerGrant[], action: ConsumerAction): boolean {
  return grants.some((grant) => {
    if (grant.appId !== action.appId) return false;
    switch (action.kind) {
      case 'read':
        return coversEnv(grant, action.env);
      case 'app':
        return grant.namespaceName === '' && coversEnv(grant, action.env);
      case 'modify':
      case 'release':
        return (
          (grant.namespaceName === '' || grant.namespaceName === action.namespaceName) &&
          coversEnv(grant, action.env)
        );
    }
  });
}

/** The apps a consumer holds any grant on (`GET /openapi/v1/apps/authorized`). */
export function authorizedApps(grants: readonly ConsumerGrant[]): string[] {
  return [...new Set(grants.map((grant) => grant.appId))].sort();
}
