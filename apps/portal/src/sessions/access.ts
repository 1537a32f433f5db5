import { SetMetadata } from '@nestjs/common';

export const ACCESS_RULE = 'houston:portal:access';

/**
 * Who may call a route. Every portal route declares one; the guard refuses a route without one,
 * so a new route cannot be open by omission.
 */
export type AccessRule = { kind: 'public' } | { kind: 'signed-in' } | { kind: 'super-admin' };

/** No session needed (sign-in). Cross-site and CSRF checks still apply to writes. */
export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);
export const SignedIn = () => SetMetadata(ACCESS_RULE, { kind: 'signed-in' } satisfies AccessRule);
export const SuperAdminOnly = () => SetMetadata(ACCESS_RULE, { kind: 'super-admin' } satisfies AccessRule);
