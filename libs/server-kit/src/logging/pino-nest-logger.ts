import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';

/** Nest's start-up narration (one line per module and route) is only wanted when debugging. */
const CHATTY_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory']);

const STACK_LIKE = /^[^\n]*\n\s+at .+/;

/**
 * Lets Nest (and every `new Logger(context)` in the apps) write through pino. A message may be a
 * string or an object: an object's fields become fields of the line and its `msg` the message.
 */
export class PinoNestLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    const { context, rest } = splitContext(params);
    this.write(
      context !== undefined && CHATTY_CONTEXTS.has(context) ? 'debug' : 'info',
      message,
      context,
      rest,
    );
  }

  error(message: unknown, ...params: unknown[]): void {
    const { context, rest } = splitContext(params);
    // Nest passes (message, stack, context), (message, context) or (message, stack).
    let stack: string | undefined;
    if (typeof rest[0] === 'string' && STACK_LIKE.test(rest[0])) stack = rest.shift() as string;
    else if (rest.length === 0 && context !== undefined && STACK_LIKE.test(context)) {
      this.write('error', message, undefined, [], context);
      return;
    }
    this.write('error', message, context, rest, stack);
  }

  warn(message: unknown, ...params: unknown[]): void {
    const { context, rest } = splitContext(params);
    this.write('warn', message, context, rest);
  }

  debug(message: unknown, ...params: unknown[]): void {
    const { context, rest } = splitContext(params);
    this.write('debug', message, context, rest);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    const { context, rest } = splitContext(params);
    this.write('trace', message, context, rest);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    const { context, rest } = splitContext(params);
    this.write('fatal', message, context, rest);
  }

  private write(
    level: Level,
    message: unknown,
    context: string | undefined,
    rest: unknown[],
    stack?: string,
  ): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    if (context !== undefined) fields['context'] = context;
    if (stack !== undefined) fields['stack'] = stack;
    if (rest.length > 0) fields['params'] = rest;
    let text: string | undefined;
    if (typeof message === 'string') {
      text = message;
    } else if (message instanceof Error) {
      fields['err'] = message;
      text = message.message;
    } else if (message !== null && typeof message === 'object') {
      const { msg, message: alt, ...others } = message as Record<string, unknown>;
      Object.assign(fields, others);
      const chosen = msg ?? alt;
      text = chosen === undefined ? undefined : String(chosen);
    } else {
      text = String(message);
    }
    if (text === undefined) this.pino[level](fields);
    else this.pino[level](fields, text);
  }
}

/** Nest appends the context as the last string argument. */
function splitContext(params: unknown[]): { context: string | undefined; rest: unknown[] } {
  const last = params[params.length - 1];
  if (typeof last === 'string') return { context: last, rest: params.slice(0, -1) };
  return { context: undefined, rest: [...params] };
}
