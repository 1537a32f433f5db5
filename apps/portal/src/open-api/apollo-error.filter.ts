import { HttpProblemFilter, retryAfterHeaderOf } from '@houston/server-kit';
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { apolloErrorBody } from './apollo-errors';

/**
 * Open API routes answer errors in Apollo's shape, which tools written for Apollo parse; the
 * status, message and Retry-After are the ones Houston's problem body would carry.
 */
@Catch()
export class ApolloErrorFilter implements ExceptionFilter {
  private readonly problems = new HttpProblemFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.problems.toProblem(exception, request);
    if (reply.sent) return;
    const retryAfter = retryAfterHeaderOf(problem);
    if (retryAfter !== undefined) void reply.header('retry-after', retryAfter);
    void reply
      .status(problem.status)
      .header('content-type', 'application/json; charset=utf-8')
      .send(JSON.stringify(apolloErrorBody(problem.status, problem.message)));
  }
}
