import { SetMetadata } from '@nestjs/common';

export const ACCESS_RULE = 'houston:portal:access';

/**
 * What a configuration route needs, read against the route's `:env`, `:appId`, `:cluster` and
 * `:namespace`: `read` is any signed-in user, with values hidden in member-only environments
 * from non-members; `read-values` is refused to them there instead (releases, history, diffs).
 */
export type Permission =
  | 'read'
  | 'read-values'
  | 'create-app'
  | 'master'
  | 'modify'
  | 'release'
  /** Asking for a reviewed release: modify or release on the namespace. */
  | 'request-release'
  /** The clear value of a secret item: the RevealSecrets role on the namespace and environment. */
  | 'reveal';

/**
 * Who may call a route. Every portal route declares one; the guard refuses a route without one,
 * so a new route cannot be open by omission.
 */
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | { kind: 'super-admin' }
  | { kind: 'permission'; permission: Permission }
  /** Apollo's Open API: a consumer token instead of a session, checked by the route's own guard. */
  | { kind: 'consumer-token' };

/** No session needed (sign-in). Cross-site and CSRF checks still apply to writes. */
export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);
export const SignedIn = () => SetMetadata(ACCESS_RULE, { kind: 'signed-in' } satisfies AccessRule);
export const SuperAdminOnly = () => SetMetadata(ACCESS_RULE, { kind: 'super-admin' } satisfies AccessRule);
export const Requires = (permission: Permission) =>
  SetMetadata(ACCESS_RULE, { kind: 'permission', permission } satisfies AccessRule);
