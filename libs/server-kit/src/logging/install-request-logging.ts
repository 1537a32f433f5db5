import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

export interface RequestLoggingOptions {
  /** Paths (without query) never logged, e.g. probes hit every few seconds. */
  ignorePaths?: readonly string[];
}

/**
 * One line per response. Successes are at debug: Apollo clients hold a long poll open all the time,
 * so at info they would drown everything else; client errors at info, server errors at error.
 */
export function installRequestLogging(
  fastify: FastifyInstance,
  logger: Logger,
  options: RequestLoggingOptions = {},
): void {
  const ignored = new Set(options.ignorePaths ?? []);
  fastify.addHook('onResponse', (request, reply, done) => {
    const query = request.url.indexOf('?');
    const path = query === -1 ? request.url : request.url.slice(0, query);
    const status = reply.statusCode;
    const level = status >= 500 ? 'error' : status >= 400 ? 'info' : 'debug';
    // Checked first: on the read path most responses are successes that are not logged at all.
    if (!ignored.has(path) && logger.isLevelEnabled(level)) {
      logger[level](
        {
          method: request.method,
          url: request.url,
          status,
          ms: Math.round(reply.elapsedTime * 10) / 10,
          requestId: request.id,
        },
        `${request.method} ${path} ${status}`,
      );
    }
    done();
  });
}
