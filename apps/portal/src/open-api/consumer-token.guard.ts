import { DomainError } from '@houston/domain';
import {
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { consumerMay, type ConsumerAction } from './consumer-rules';
import { ConsumersService, type TokenHolder } from './consumers.service';
import { RATE_LIMIT_COUNTER } from '../portal.tokens';
import { OPEN_API_NEEDS, type OpenApiNeeds } from './open-api-needs';
import type { RateLimitCounter } from './token-rate-limiter';

type ConsumerRequest = FastifyRequest & { openApiConsumer?: TokenHolder };

export function consumerOf(request: FastifyRequest): TokenHolder {
  const holder = (request as ConsumerRequest).openApiConsumer;
  if (!holder) throw new Error('an Open API handler ran without the consumer token guard');
  return holder;
}

/** Apollo sends the bare token in `Authorization`; `Bearer <token>` is taken too. */
export function tokenOf(header: string | string[] | undefined): string {
  const raw = (Array.isArray(header) ? header[0] : header) ?? '';
  return raw.trim().replace(/^Bearer\s+/i, '');
}

/**
 * Every Open API request: the token must be a consumer's (401), within the consumer's rate
 * (429 with Retry-After), and its grants must allow what the route declares (403).
 */
@Injectable()
export class ConsumerTokenGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(ConsumersService) private readonly consumers: ConsumersService,
    @Inject(RATE_LIMIT_COUNTER) private readonly limiter: RateLimitCounter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = tokenOf(request.headers.authorization);
    const holder = token === '' ? undefined : await this.consumers.holderOf(token);
    if (!holder) throw new UnauthorizedException('Unauthorized');
    const wait = await this.limiter.take(holder.tokenHash, holder.consumer.rateLimit);
    if (wait > 0) {
      throw new DomainError('TOO_MANY_REQUESTS', 'Too many call requests, the flow is limited', {
        retryAfterSeconds: wait,
      });
    }
    (request as ConsumerRequest).openApiConsumer = holder;
    const needs = this.reflector.get<OpenApiNeeds | undefined>(OPEN_API_NEEDS, context.getHandler());
    if (!needs) throw new ForbiddenException('this route has no access rule');
    if (needs === 'token') return true;
    const params = (request.params ?? {}) as Record<string, string | undefined>;
    const appId = params['appId'] ?? '';
    const env = params['env']?.toUpperCase();
    const action: ConsumerAction =
      needs === 'modify' || needs === 'release'
        ? { kind: needs, appId, namespaceName: params['namespaceName'] ?? '', env: env ?? '' }
        : { kind: needs, appId, env };
    if (!consumerMay(holder.grants, action)) throw new ForbiddenException(forbidden(action));
    return true;
  }
}

export function forbidden(action: ConsumerAction): string {
  const where = action.env ? ` in ${action.env}` : '';
  switch (action.kind) {
    case 'read':
      return `the consumer has no grant on app ${action.appId}${where}`;
    case 'app':
      return `the consumer has no grant on the whole app ${action.appId}${where}`;
    default:
      return `the consumer may not ${action.kind} ${action.appId}/${action.namespaceName}${where}`;
  }
}
