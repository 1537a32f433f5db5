import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyServerFactory } from 'fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { answerClientError } from '../errors/client-error-handler';
import { HttpProblemFilter } from '../errors/http-problem.filter';
import { createLogger } from '../logging/create-logger';
import { installRequestLogging, type RequestLoggingOptions } from '../logging/install-request-logging';
import { PinoNestLogger } from '../logging/pino-nest-logger';
import { pinoOf, type AnyHoustonLogger } from '../logging/pino-of';
import { genRequestId, installRequestIdHeader } from '../logging/request-id';
import { installHttpMetrics, type HttpMetrics } from '../metrics/http-metrics';
import { createValidationPipe } from '../validation/create-validation-pipe';
import {
  BodyBytesBudget,
  DEFAULT_MAX_BODY_BYTES_IN_FLIGHT,
  installBodyBytesBudget,
} from './body-bytes-budget';
import { installRefusedBodyDrain } from './refused-body-drain';
import { installRequestTurns, type RequestTurns } from './request-turns';
import { createLimitedServer, DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './connection-limits';
import {
  DEFAULT_BODY_SHAPE_LIMITS,
  strictJsonBodyParser,
  strictTextBodyParser,
  type BodyShapeLimits,
  type OffThreadJsonParser,
} from './strict-body-parsers';

export const DEFAULT_BODY_LIMIT_BYTES = 2 * 1024 * 1024;
export const OPENAPI_PATH = '/openapi.json';

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
  /**
   * Completes the document Nest derives from the routes' decorators: what decorators cannot say
   * (routes served outside Nest, refusals common to every route, security).
   */
  finish?: (document: OpenAPIObject) => OpenAPIObject;
}

export interface CreateHttpAppOptions {
  /** A pino logger or its Nest wrapper; a default `info` logger named `houston` when absent. */
  logger?: AnyHoustonLogger;
  bodyLimitBytes?: number;
  /**
   * Request-body bytes held at once, from a body's arrival to its answer (default 64 MiB); a
   * request that would go past it is refused 503 with Retry-After before its body is read.
   */
  maxBodyBytesInFlight?: number;
  /** Depth and width bounds on JSON bodies, checked before validation walks them. */
  bodyShapeLimits?: BodyShapeLimits;
  /** Parses large JSON bodies off the event loop (a `WorkerJsonBodyParser`); all in place when absent. */
  offThreadJsonParser?: OffThreadJsonParser;
  /**
   * When given, writes are handled only as many per turn of the event loop as its budget allows
   * (`eventLoopTurns` of libs/persistence); the rest wait for a later turn.
   */
  requestTurns?: RequestTurns;
  /** When given, the OpenAPI document is served at `GET /openapi.json`. */
  openApi?: OpenApiInfo;
  requestLogging?: RequestLoggingOptions;
  /** Header/request timeouts and the connection cap of the server made when no `serverFactory` is given. */
  connectionLimits?: ConnectionLimits;
  /** Creates the HTTP server (see `createLeanRouter`); a node:http server with `connectionLimits` otherwise. */
  serverFactory?: FastifyServerFactory;
  /** When given, every route is timed into it and `GET /metrics` serves its registry. */
  metrics?: HttpMetrics;
}

/**
 * A Nest application on Fastify set up the way every Houston server is: problem-shaped errors,
 * strict DTO validation, request ids and request logging, pino for every log line. Signals are
 * left to `installGracefulShutdown`, not to Nest's shutdown hooks.
 */
export async function createHttpApp(
  rootModule: Type | DynamicModule,
  options: CreateHttpAppOptions = {},
): Promise<NestFastifyApplication> {
  const nestLogger =
    options.logger instanceof PinoNestLogger
      ? options.logger
      : new PinoNestLogger(options.logger ? pinoOf(options.logger) : createLogger({ name: 'houston' }));
  const logger = nestLogger.pino;

  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const adapter = new FastifyAdapter({
    bodyLimit,
    genReqId: genRequestId,
    trustProxy: true,
    // Requests refused by Node's parser (431, malformed) get the problem body too, on every path.
    clientErrorHandler: answerClientError,
    serverFactory:
      options.serverFactory ??
      ((handler: Parameters<FastifyServerFactory>[0]) =>
        createLimitedServer(options.connectionLimits ?? DEFAULT_CONNECTION_LIMITS, handler)),
  });
  // Hooks go on before Nest registers routes so that every route, and the 404 handler, gets them.
  const fastify = adapter.getInstance();
  installRequestIdHeader(fastify);
  installRequestLogging(fastify, logger, options.requestLogging);
  if (options.metrics) installHttpMetrics(fastify, options.metrics);
  installBodyBytesBudget(
    fastify,
    new BodyBytesBudget(options.maxBodyBytesInFlight ?? DEFAULT_MAX_BODY_BYTES_IN_FLIGHT),
    bodyLimit,
  );
  if (options.requestTurns) installRequestTurns(fastify, options.requestTurns);
  // A refused body up to twice the limit is read off the wire before the error goes out, so that
  // the client sees the 413; a larger one is not worth the bytes and its connection is closed.
  installRefusedBodyDrain(fastify, 2 * bodyLimit);

  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    logger: nestLogger,
    bufferLogs: true,
    // A library must not abort the process on a bootstrap error: the caller decides.
    abortOnError: false,
  });
  app.useLogger(nestLogger);
  // Bodies are refused as early as possible: over the size limit while streaming in (413), then
  // invalid UTF-8, then too deep or too wide (400), before the validation pipe walks them.
  app.useBodyParser(
    'application/json',
    { bodyLimit },
    strictJsonBodyParser(
      fastify,
      options.bodyShapeLimits ?? DEFAULT_BODY_SHAPE_LIMITS,
      options.offThreadJsonParser,
      options.requestTurns,
    ),
  );
  app.useBodyParser('text/plain', { bodyLimit }, strictTextBodyParser);
  app.useGlobalFilters(new HttpProblemFilter(logger));
  app.useGlobalPipes(createValidationPipe());

  if (options.openApi) {
    const document = buildOpenApiDocument(app, options.openApi);
    fastify.get(OPENAPI_PATH, (_request, reply) => {
      void reply.header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(document));
    });
  }
  return app;
}

export function buildOpenApiDocument(app: NestFastifyApplication, info: OpenApiInfo): OpenAPIObject {
  const builder = new DocumentBuilder().setTitle(info.title).setVersion(info.version);
  if (info.description) builder.setDescription(info.description);
  const document = SwaggerModule.createDocument(app, builder.build());
  return info.finish ? info.finish(document) : document;
}
