import { timingSafeEqual } from 'node:crypto';
import { HealthController } from '@houston/server-kit';
import {
  ForbiddenException,
  HttpException,
  Inject,
  Injectable,
  UnauthorizedException,
  UnsupportedMediaTypeException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { EnvironmentGateway } from '../environments/environment-gateway';
import { GrantsService } from '../permissions/grants.service';
import { allows, type Actor } from '../permissions/permission-rules';
import { PORTAL_SETTINGS, type PortalSettings } from '../portal.tokens';
import { ACCESS_RULE, type AccessRule, type Permission } from './access';
import { changesState, crossSiteReason } from './cross-site';
import { attachSignedIn, markValuesHidden } from './current-user';
import { readCookie, SESSION_COOKIE } from './session-cookie';
import { SessionService, type SignedInUser } from './session.service';

export const CSRF_HEADER = 'x-csrf-token';

/**
 * Every request to a portal route passes here: cross-site writes are refused, the session cookie
 * is resolved, writes must carry the session's CSRF token, and the route's access rule decides.
 * A route with no rule is refused (deny by default).
 */
@Injectable()
export class PortalAuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(GrantsService) private readonly grants: GrantsService,
    @Inject(EnvironmentGateway) private readonly environments: EnvironmentGateway,
    @Inject(PORTAL_SETTINGS) private readonly settings: PortalSettings,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || context.getClass() === HealthController) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw new ForbiddenException('this route has no access rule');
    // No cookie is involved (a token in Authorization, which a cross-site page cannot send), so
    // the session and CSRF checks do not apply; the route's own guard checks the token.
    if (rule.kind === 'consumer-token') return true;
    const writes = changesState(request.method);
    if (writes) {
      const reason = crossSiteReason(request.headers, request.headers.host);
      if (reason?.includes('json')) throw new UnsupportedMediaTypeException(reason);
      if (reason) throw new ForbiddenException(reason);
    }
    if (rule.kind === 'public') return true;
    const signedIn = await this.sessions.resolve(readCookie(request.headers.cookie, SESSION_COOKIE));
    if (!signedIn) throw new UnauthorizedException('sign in first (POST /api/login)');
    if (writes && !csrfTokenMatches(request, signedIn)) {
      throw new ForbiddenException(`the ${CSRF_HEADER} header is missing or wrong (see GET /api/session)`);
    }
    attachSignedIn(request, signedIn);
    return this.allows(rule, signedIn, request);
  }

  private async allows(rule: AccessRule, signedIn: SignedInUser, request: FastifyRequest): Promise<boolean> {
    switch (rule.kind) {
      case 'signed-in':
        return true;
      case 'super-admin':
        if (signedIn.user.isSuperAdmin) return true;
        throw new ForbiddenException('only a super administrator may do this');
      case 'permission':
        return this.permits(rule.permission, signedIn, request);
      default:
        throw new HttpException('unknown access rule', 500);
    }
  }

  private async permits(
    permission: Permission,
    signedIn: SignedInUser,
    request: FastifyRequest,
  ): Promise<boolean> {
    const params = (request.params ?? {}) as Record<string, string | undefined>;
    const env = params['env'] === undefined ? '' : this.environments.resolve(params['env']);
    const appId = params['appId'] ?? '';
    const actor: Actor = {
      isSuperAdmin: signedIn.user.isSuperAdmin,
      grants: await this.grants.grantsOf(signedIn.user.id),
    };
    const scope = { appId, env, cluster: params['cluster'] ?? '', namespace: params['namespace'] ?? '' };
    switch (permission) {
      case 'read':
      case 'read-values': {
        const membersOnly = appId !== '' && this.settings.memberOnlyEnvs.includes(env);
        if (!membersOnly || allows(actor, { kind: 'member', appId })) return true;
        if (permission === 'read') {
          markValuesHidden(request);
          return true;
        }
        throw new ForbiddenException(`values in ${env} are shown to members of ${appId} only`);
      }
      case 'create-app':
        return refuseUnless(allows(actor, { kind: 'create-app' }), 'you may not create applications');
      case 'master':
        return refuseUnless(
          allows(actor, { kind: 'master', appId }),
          `only a master of ${appId} may do this`,
        );
      case 'modify':
      case 'release':
      case 'reveal':
        return refuseUnless(
          allows(actor, { kind: permission, scope }),
          `you may not ${permission} ${scope.appId}/${scope.cluster}/${scope.namespace} in ${env}`,
        );
      case 'request-release':
        return refuseUnless(
          allows(actor, { kind: 'modify', scope }) || allows(actor, { kind: 'release', scope }),
          `you may not ask to release ${scope.appId}/${scope.cluster}/${scope.namespace} in ${env}`,
        );
    }
  }
}

function refuseUnless(allowed: boolean, message: string): boolean {
  if (!allowed) throw new ForbiddenException(message);
  return true;
}

function csrfTokenMatches(request: FastifyRequest, signedIn: SignedInUser): boolean {
  const raw = request.headers[CSRF_HEADER];
  const given = Buffer.from(Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? ''));
  const expected = Buffer.from(signedIn.session.csrfToken);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
