import type { Logger } from 'pino';
import { createLogger, type LogLevel } from '../logging/create-logger';

export interface LogCapture {
  logger: Logger;
  /** Every line written so far, parsed. */
  lines: Array<Record<string, unknown>>;
}

/** A real pino logger writing into memory, so tests can read the JSON lines. */
export function captureLogs(level: LogLevel = 'trace'): LogCapture {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    name: 'test',
    level,
    destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  return { logger, lines };
}
