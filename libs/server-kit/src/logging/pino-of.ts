import type { Logger } from 'pino';
import { PinoNestLogger } from './pino-nest-logger';

/** Callers may hold either the pino logger or its Nest wrapper; both lead to the same lines. */
export type AnyHoustonLogger = Logger | PinoNestLogger;

export function pinoOf(logger: AnyHoustonLogger): Logger {
  return logger instanceof PinoNestLogger ? logger.pino : logger;
}
