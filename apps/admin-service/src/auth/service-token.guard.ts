import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@houston/domain';
import { HealthController } from '@houston/server-kit';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';

/**
 * The admin-service answers only the portal and trusted tools: every route but `/health` and
 * `/ready` needs one of the configured service tokens (`HOUSTON_ADMIN_TOKENS`, several so that
 * one can be rotated without downtime), sent as `Authorization: Bearer <token>` or, as Apollo's
 * admin-service takes it, `Authorization: <token>`. An admin-service with no token accepts no
 * call at all.
 */
@Injectable()
export class ServiceTokenGuard implements CanActivate {
  private readonly digests: Buffer[];

  constructor(@Inject(ADMIN_SERVICE_OPTIONS) options: AdminServiceOptions) {
    this.digests = (options.accessTokens ?? []).map(digest);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http' || context.getClass() === HealthController) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers.authorization;
    const token = (Array.isArray(header) ? header[0] : header)?.replace(/^Bearer\s+/i, '').trim();
    if (!token) {
      throw new DomainError('UNAUTHORIZED', 'a service token is required: Authorization: Bearer <token>');
    }
    const given = digest(token);
    // Compared with every token in constant time, so the answer's timing tells nothing.
    let matched = false;
    for (const expected of this.digests) matched = timingSafeEqual(given, expected) || matched;
    if (!matched)
      throw new DomainError('UNAUTHORIZED', 'the service token is not one of HOUSTON_ADMIN_TOKENS');
    return true;
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
