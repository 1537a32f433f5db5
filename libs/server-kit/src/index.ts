export type { EnvSchema, EnvSpec, EnvValueOf, EnvValues } from './env/env-spec';
export {
  envBool,
  envDurationMs,
  envEnum,
  envInt,
  envList,
  envOptional,
  envPort,
  envString,
  envUrl,
  type EnvCommonOptions,
  type EnvDurationOptions,
  type EnvIntOptions,
  type EnvListOptions,
  type EnvStringOptions,
  type EnvUrlOptions,
} from './env/env-builders';
export { formatDurationMs, parseDurationMs } from './env/duration';
export { loadEnv } from './env/load-env';
export { EnvValidationError, type EnvProblem } from './env/env-validation-error';
export { renderEnvTable } from './env/render-env-table';
export { describeEnv } from './env/describe-env';
export { maskUrlCredentials } from './env/mask-credentials';
export { SECRET_KEYS_ENV, secretKeyRingOf } from './env/secret-keys-env';

export { answerClientError } from './errors/client-error-handler';
export { HttpProblemFilter } from './errors/http-problem.filter';
export { httpStatusOf, problemCodeOfStatus } from './errors/http-status-of';
export type { ProblemBody } from './errors/problem-body';
export { retryAfterHeaderOf } from './errors/retry-after';

export {
  createValidationPipe,
  flattenValidationErrors,
  validationFailed,
  type FieldProblem,
} from './validation/create-validation-pipe';

export { createLogger, LOG_LEVELS, type CreateLoggerOptions, type LogLevel } from './logging/create-logger';
export { PinoNestLogger } from './logging/pino-nest-logger';
export { pinoOf, type AnyHoustonLogger } from './logging/pino-of';
export { installRequestLogging, type RequestLoggingOptions } from './logging/install-request-logging';
export { genRequestId, installRequestIdHeader, REQUEST_ID_HEADER } from './logging/request-id';

export { HealthModule } from './health/health.module';
export { HealthController, type ReadinessBody } from './health/health.controller';
export { ReadinessState } from './health/readiness-state';
export { runHealthChecks, type CheckStatus, type HealthCheck } from './health/health-check';
export { HEALTH_OPTIONS, type HealthModuleOptions } from './health/health.options';

export {
  installGracefulShutdown,
  type Closable,
  type GracefulShutdownOptions,
  type ShutdownHandle,
} from './shutdown/install-graceful-shutdown';

export {
  buildOpenApiDocument,
  createHttpApp,
  DEFAULT_BODY_LIMIT_BYTES,
  OPENAPI_PATH,
  type CreateHttpAppOptions,
  type OpenApiInfo,
} from './http/create-http-app';
export { listen, type Listening } from './http/listen';
export {
  operationsOf,
  PROBLEM_SCHEMA,
  PROBLEM_SCHEMA_NAME,
  PROBLEM_STATUS_DESCRIPTIONS,
  problemResponse,
  withProblemResponses,
} from './http/openapi-problems';
export {
  createLimitedServer,
  DEFAULT_CONNECTION_LIMITS,
  KEEP_ALIVE_TIMEOUT_MS,
  type ConnectionLimits,
} from './http/connection-limits';

export {
  checkJsonBodyShape,
  decodeUtf8Body,
  DEFAULT_BODY_SHAPE_LIMITS,
  parseJsonBody,
  type BodyShapeLimits,
  type OffThreadJsonParser,
} from './http/strict-body-parsers';
export { WorkerJsonBodyParser, type WorkerJsonBodyParserOptions } from './http/worker-json-body-parser';
export {
  BodyBytesBudget,
  bodyBytesOf,
  DEFAULT_MAX_BODY_BYTES_IN_FLIGHT,
  installBodyBytesBudget,
} from './http/body-bytes-budget';
export { installRequestTurns, takesTurns, type RequestTurns } from './http/request-turns';
export { createLeanRouter, type LeanRouter, type LeanRouterOptions } from './http/lean-router';

export {
  InlineDocumentChecker,
  WorkerDocumentChecker,
  type DocumentChecker,
  type WorkerDocumentCheckerOptions,
} from './documents/document-checker';

export {
  createMetricsRegistry,
  HTTP_DURATION_METRIC,
  httpMetricsOf,
  installHttpMetrics,
  LATENCY_BUCKETS,
  LatencyHistogram,
  LatencySeries,
  METRICS_CONTENT_TYPE,
  METRICS_PATH,
  registerPulledMetric,
  routeTiming,
  TimedResponse,
  type HttpMetrics,
  type MetricLabels,
  type MetricsRegistry,
  type PulledMetricSpec,
  type ResponseTiming,
} from './metrics/index';
