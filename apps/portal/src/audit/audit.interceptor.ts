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
import { changesState } from '../sessions/cross-site';
import { signedInOf } from '../sessions/current-user';
import { AuditService } from './audit.service';

/**
 * Records every state-changing request of a signed-in user, whether it succeeded or not, after
 * it was answered by the handler: who, which route, which environment and app, and the status.
 * Sign-in itself is not recorded here (no one is signed in yet).
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    if (!changesState(request.method) || !signedInOf(request)) return next.handle();
    return next.handle().pipe(
      mergeMap((body) => from(this.record(request, reply.statusCode).then(() => body))),
      catchError((error: unknown) =>
        from(this.record(request, error instanceof HttpException ? error.getStatus() : 500)).pipe(
          mergeMap(() => throwError(() => error)),
        ),
      ),
    );
  }

  private record(request: FastifyRequest, status: number): Promise<void> {
    const params = (request.params ?? {}) as Record<string, string | undefined>;
    return this.audit.record({
      username: signedInOf(request)!.user.username,
      method: request.method,
      route: request.routeOptions?.url ?? '',
      path: request.url.split('?')[0] ?? '',
      env: (params['env'] ?? '').toUpperCase(),
      appId: params['appId'] ?? '',
      status,
    });
  }
}
