import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { isDomainError } from '@houston/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import { isDependencyUnavailable } from './dependency-unavailable';
import { httpStatusOf, problemCodeOfStatus } from './http-status-of';
import type { ProblemBody } from './problem-body';
import { retryAfterHeaderOf, withRetryAfter } from './retry-after';

const GENERIC_MESSAGE = 'Internal server error';

/**
 * Turns anything thrown while serving a request into a `ProblemBody`. Domain errors keep their code;
 * framework and Fastify errors get a code from their status; a database or Redis that cannot be
 * reached or timed out is a 503 (see `isDependencyUnavailable`); everything else is a 500 whose only
 * trace for the client is an `errorId` that is logged with the error (the stack never leaves).
 * Every 503 and 429 says when to retry, once, in `details.retryAfterSeconds`, and its Retry-After
 * header is written from that value (see `withRetryAfter`).
 */
@Catch()
export class HttpProblemFilter implements ExceptionFilter {
  private readonly fallbackLogger = new Logger('HttpProblemFilter');

  constructor(private readonly logger?: PinoLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest | undefined>();
    this.answer(exception, request, http.getResponse<FastifyReply | ServerResponse>());
  }

  /** Answers `reply` with the problem body for `exception` (see `toProblem`). */
  answer(
    exception: unknown,
    request: Pick<FastifyRequest, 'url' | 'id' | 'method'> | undefined,
    reply: FastifyReply | ServerResponse,
  ): void {
    sendProblem(reply, this.toProblem(exception, request));
  }

  /** The answer to `exception`; logs it when it is the server's fault. */
  toProblem(exception: unknown, request?: Pick<FastifyRequest, 'url' | 'id' | 'method'>): ProblemBody {
    return withRetryAfter(this.problemOf(exception, request));
  }

  private problemOf(
    exception: unknown,
    request?: Pick<FastifyRequest, 'url' | 'id' | 'method'>,
  ): ProblemBody {
    const where = {
      path: pathOf(request?.url),
      ...(typeof request?.id === 'string' && request.id !== '' ? { requestId: request.id } : {}),
    };
    if (isDomainError(exception)) {
      const status = httpStatusOf(exception.code);
      if (status >= 500) this.logWarning(exception, where, request?.method);
      return {
        status,
        code: exception.code,
        message: exception.message,
        ...(exception.details === undefined ? {} : { details: exception.details }),
        ...where,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status >= 500) this.logWarning(exception, where, request?.method);
      const reason = fastifyCodeOf(exception.cause);
      return {
        status,
        code: problemCodeOfStatus(status),
        message: messageOf(exception),
        ...(reason === undefined ? {} : { details: { reason } }),
        ...where,
      };
    }
    if (isClientHttpError(exception)) {
      const reason = fastifyCodeOf(exception);
      return {
        status: exception.statusCode,
        code: problemCodeOfStatus(exception.statusCode),
        message: exception.message,
        ...(reason === undefined ? {} : { details: { reason } }),
        ...where,
      };
    }
    if (isDependencyUnavailable(exception)) {
      // Not a bug and not the client's fault: the same request may well succeed shortly.
      this.logWarning(exception as Error, where, request?.method);
      return {
        status: 503,
        code: 'UNAVAILABLE',
        message: 'the database or Redis is unreachable or did not answer in time; retry later',
        ...where,
      };
    }
    const errorId = randomUUID();
    this.logUnexpected(exception, errorId, where, request?.method);
    return { status: 500, code: 'INTERNAL', message: GENERIC_MESSAGE, errorId, ...where };
  }

  private logUnexpected(
    exception: unknown,
    errorId: string,
    where: { path: string; requestId?: string },
    method: string | undefined,
  ): void {
    const fields = { err: exception, errorId, method, ...where };
    if (this.logger) this.logger.error(fields, 'unexpected error while serving a request');
    else this.fallbackLogger.error({ msg: 'unexpected error while serving a request', ...fields });
  }

  private logWarning(
    exception: Error,
    where: { path: string; requestId?: string },
    method: string | undefined,
  ): void {
    const fields = { err: exception, method, ...where };
    if (this.logger) this.logger.warn(fields, exception.message);
    else this.fallbackLogger.warn({ msg: exception.message, ...fields });
  }
}

function sendProblem(reply: FastifyReply | ServerResponse, problem: ProblemBody): void {
  const json = JSON.stringify(problem);
  if (isFastifyReply(reply)) {
    if (reply.sent || reply.raw.headersSent) {
      // Too late for a status: end what was started so the client is not left hanging.
      if (!reply.raw.writableEnded) reply.raw.end();
      return;
    }
    const retryAfter = retryAfterHeaderOf(problem);
    if (retryAfter !== undefined) void reply.header('retry-after', retryAfter);
    void reply.status(problem.status).header('content-type', 'application/json; charset=utf-8').send(json);
    return;
  }
  // Errors raised in raw middleware arrive with the bare Node response.
  if (reply.headersSent) {
    if (!reply.writableEnded) reply.end();
    return;
  }
  const retryAfter = retryAfterHeaderOf(problem);
  reply.writeHead(problem.status, {
    'content-type': 'application/json; charset=utf-8',
    ...(retryAfter === undefined ? {} : { 'retry-after': retryAfter }),
  });
  reply.end(json);
}

function isFastifyReply(reply: FastifyReply | ServerResponse): reply is FastifyReply {
  return typeof (reply as FastifyReply).send === 'function' && 'raw' in reply;
}

function pathOf(url: string | undefined): string {
  if (!url) return '';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  if (response && typeof response === 'object' && 'message' in response) {
    const { message } = response as { message: unknown };
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.map(String).join('; ');
  }
  return exception.message;
}

/** Fastify's own error codes (`FST_ERR_CTP_BODY_TOO_LARGE`) say more than the status alone. */
function fastifyCodeOf(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'code' in error) {
    const { code } = error as { code: unknown };
    if (typeof code === 'string' && code.startsWith('FST_')) return code;
  }
  return undefined;
}

/** A 4xx error from Fastify or an http-errors style library that was not turned into an HttpException. */
function isClientHttpError(error: unknown): error is { statusCode: number; message: string } {
  if (!error || typeof error !== 'object') return false;
  const { statusCode, message } = error as { statusCode?: unknown; message?: unknown };
  return (
    typeof statusCode === 'number' &&
    Number.isInteger(statusCode) &&
    statusCode >= 400 &&
    statusCode < 500 &&
    typeof message === 'string'
  );
}
