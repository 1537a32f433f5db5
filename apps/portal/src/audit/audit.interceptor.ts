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
import { EnvironmentGateway } from '../environments/environment-gateway';
import { changesState } from '../sessions/cross-site';
import { signedInOf } from '../sessions/current-user';
import { auditSubjectOf, auditValueText, type AuditSubject } from './audit-subject';
import { AuditService } from './audit.service';

/**
 * Records every state-changing request of a signed-in user, whether it succeeded or not, after
 * it was answered by the handler: who, which route and entity, which environment and app, the
 * status, and the entity's state before and after. For configuration the state is read from the
 * admin-service around the change; for anything else the after is the answer. Secrets are left
 * out; values are kept and hidden when the log is read by someone who may not see them.
 * Sign-in itself is not recorded here (no one is signed in yet).
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(EnvironmentGateway) private readonly environments: EnvironmentGateway,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    if (!changesState(request.method) || !signedInOf(request)) return next.handle();
    const params = (request.params ?? {}) as Record<string, string | undefined>;
    const route = request.routeOptions?.url ?? '';
    const subject = auditSubjectOf(route, request.method, params, request.body);
    const action = context.getHandler().name;
    return from(this.snapshot(params['env'], subject)).pipe(
      mergeMap((before) =>
        next.handle().pipe(
          mergeMap((body) =>
            from(
              this.afterOf(params['env'], subject, body)
                .then((after) => this.record(request, reply.statusCode, subject, action, before, after))
                .then(() => body),
            ),
          ),
          catchError((error: unknown) =>
            from(this.record(request, statusOfError(error), subject, action, before, undefined)).pipe(
              mergeMap(() => throwError(() => error)),
            ),
          ),
        ),
      ),
    );
  }

  /** The entity's state in the admin-service; undefined when it cannot be read (the log goes on without). */
  private async snapshot(env: string | undefined, subject: AuditSubject): Promise<unknown> {
    if (!env || !subject.snapshot) return undefined;
    try {
      const answer = await this.environments.call(env, { method: 'GET', path: subject.snapshot });
      return answer.status === 200 ? answer.body : undefined;
    } catch {
      return undefined;
    }
  }

  private async afterOf(env: string | undefined, subject: AuditSubject, body: unknown): Promise<unknown> {
    return subject.snapshot ? this.snapshot(env, subject) : body;
  }

  private record(
    request: FastifyRequest,
    status: number,
    subject: AuditSubject,
    action: string,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    const params = (request.params ?? {}) as Record<string, string | undefined>;
    return this.audit.record({
      username: signedInOf(request)!.user.username,
      method: request.method,
      route: request.routeOptions?.url ?? '',
      path: request.url.split('?')[0] ?? '',
      env: (params['env'] ?? '').toUpperCase(),
      appId: params['appId'] ?? '',
      status,
      entity: subject.entity,
      action,
      beforeValue: auditValueText(before),
      afterValue: auditValueText(after),
    });
  }
}

/** The status the client was answered with: a refused request is recorded as refused, not as a failure. */
export function statusOfError(error: unknown): number {
  if (error instanceof HttpException) return error.getStatus();
  if (isDomainError(error)) return httpStatusOf(error.code);
  return 500;
}
