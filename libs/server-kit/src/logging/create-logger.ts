import { pino, type DestinationStream, type Logger } from 'pino';

/** The values `HOUSTON_LOG_LEVEL` accepts. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface CreateLoggerOptions {
  level?: LogLevel;
  /** Which program writes the line (`config-service`, `admin-service`, ...). */
  name: string;
  /** Where the JSON lines go; standard output when absent. */
  destination?: DestinationStream;
}

/** One JSON object per line, with the level as a word and an ISO time, ready for any log shipper. */
export function createLogger(options: CreateLoggerOptions): Logger {
  return pino(
    {
      name: options.name,
      level: options.level ?? 'info',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
