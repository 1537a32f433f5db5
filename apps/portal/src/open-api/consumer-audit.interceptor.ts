import {
  HttpException,
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import { isDomainError } from '@houston/domain';
import { httpStatusOf } from '@houston/server-kit';
import { AuditService } from '../audit/audit.service';
import { changesState } from '../sessions/cross-site';
import { consumerOf } from './consumer-token.guard';

/**
 * Records every Open API write that passed the token and grant checks in the portal audit, as
 * `consumer:<appId>` (Apollo's consumer audit); the operator the request named is what the
 * admin-service records on the change itself.
 */
@Injectable()
export class ConsumerAuditInterceptor implements NestInterceptor {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    if (!changesState(request.method)) return next.handle();
    return next.handle().pipe(
      mergeMap((body) => from(this.record(request, reply.statusCode).then(() => body))),
      catchError((error: unknown) =>
        from(this.record(request, statusOf(error))).pipe(mergeMap(() => throwError(() => error))),
      ),
    );
  }

  private record(request: FastifyRequest, status: number): Promise<void> {
    const params = (request.params ?? {}) as Record<string, string | undefined>;
    return this.audit.record({
      username: `consumer:${consumerOf(request).consumer.appId}`.slice(0, 64),
      method: request.method,
      route: request.routeOptions?.url ?? '',
      path: request.url.split('?')[0] ?? '',
      env: (params['env'] ?? '').toUpperCase(),
      appId: params['appId'] ?? '',
      status,
    });
  }
}

function statusOf(error: unknown): number {
  if (error instanceof HttpException) return error.getStatus();
  return isDomainError(error) ? httpStatusOf(error.code) : 500;
}
