import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { SignedInUser } from './session.service';

type PortalRequest = FastifyRequest & { portalUser?: SignedInUser; portalHideValues?: boolean };

export function attachSignedIn(request: FastifyRequest, signedIn: SignedInUser): void {
  (request as PortalRequest).portalUser = signedIn;
}

export function signedInOf(request: FastifyRequest): SignedInUser | undefined {
  return (request as PortalRequest).portalUser;
}

/** Set by the guard when this user may not see the values this request reads. */
export function markValuesHidden(request: FastifyRequest): void {
  (request as PortalRequest).portalHideValues = true;
}

export function valuesHidden(request: FastifyRequest): boolean {
  return (request as PortalRequest).portalHideValues === true;
}

/** The signed-in user the guard resolved for this request. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const signedIn = signedInOf(context.switchToHttp().getRequest<FastifyRequest>());
  if (!signedIn) throw new Error('CurrentUser used on a route the guard did not sign in');
  return signedIn;
});
