import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describeDatabaseUrl } from '@houston/persistence';
import { EnvValidationError } from '@houston/server-kit';

/** A start-up failure that is the fault of one setting, named so that the operator knows what to fix. */
export class StartupError extends Error {
  override readonly name = 'StartupError';

  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
  }
}

/** What a failed start-up may blame: the settings it read. */
export interface StartupSettings {
  HOUSTON_DB_URL?: string;
  HOUSTON_REDIS_URL?: string;
  HOUSTON_CONSUL_URL?: string;
  HOUSTON_DISCOVERY?: string;
  HOUSTON_HOST?: string;
  [name: string]: unknown;
}

const DEFAULT_SQLITE_URL = 'sqlite:data/houston.sqlite';

/**
 * The embedded default creates `./data` on first start; any other `sqlite:` path must be in a
 * directory that exists, so that a typo does not quietly start an empty database somewhere else.
 */
export function checkSqliteDirectory(url: string): void {
  if (!url.startsWith('sqlite:') || url === DEFAULT_SQLITE_URL) return;
  const path = url.slice('sqlite:'.length);
  if (path === ':memory:') return;
  const directory = dirname(resolve(path));
  if (!existsSync(directory)) {
    throw new StartupError('HOUSTON_DB_URL', `the directory ${directory} does not exist`);
  }
}

const PORT_SETTINGS = [
  'HOUSTON_CONFIG_PORT',
  'HOUSTON_ADMIN_PORT',
  'HOUSTON_META_PORT',
  'HOUSTON_PORTAL_PORT',
];

const MYSQL_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ER_BAD_DB_ERROR: 'the database does not exist',
  ER_ACCESS_DENIED_ERROR: 'access denied (user or password)',
  ER_DBACCESS_DENIED_ERROR: 'access to the database denied',
  SQLITE_CANTOPEN: 'the file cannot be opened',
};

/** A failure to open or migrate the database, blamed on HOUSTON_DB_URL with the password masked. */
export function databaseStartupError(url: string, what: string, error: unknown): StartupError {
  const code = codeOf(error);
  const reason =
    (code && MYSQL_REASONS[code]) ?? oneLine(error instanceof Error ? error.message : String(error), [url]);
  return new StartupError('HOUSTON_DB_URL', `${what} ${describeDatabaseUrl(url)}: ${reason}`);
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * One line for a failed start-up, naming the setting at fault and never a password: what the
 * process prints on stderr before it exits 1, instead of a stack trace.
 */
export function describeStartupFailure(error: unknown, settings: StartupSettings): string {
  if (error instanceof EnvValidationError || error instanceof StartupError) return error.message;
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  const db = settings.HOUSTON_DB_URL;
  if (code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL' || code === 'EACCES') {
    const port = (error as { port?: number }).port;
    const named = PORT_SETTINGS.filter((name) => port !== undefined && settings[name] === port);
    const what =
      code === 'EADDRINUSE'
        ? 'is already in use'
        : code === 'EACCES'
          ? 'may not be bound'
          : 'is not available';
    const where = `${settings.HOUSTON_HOST ?? ''}:${port ?? '?'}`;
    if (code === 'EADDRNOTAVAIL') return `HOUSTON_HOST: the address ${where} ${what}`;
    return `${named.length > 0 ? named.join(' / ') : 'port'}: ${where} ${what}`;
  }
  if (
    db &&
    code &&
    MYSQL_REASONS[code] &&
    (db.startsWith('mysql') || db.startsWith('mariadb') || code.startsWith('SQLITE'))
  ) {
    return `HOUSTON_DB_URL: cannot open ${describeDatabaseUrl(db)}: ${MYSQL_REASONS[code]}`;
  }
  const redis = settings.HOUSTON_REDIS_URL;
  if (redis && /redis/i.test(message)) {
    return `HOUSTON_REDIS_URL: cannot use ${describeDatabaseUrl(redis)}: ${oneLine(message, [redis])}`;
  }
  if (settings.HOUSTON_DISCOVERY === 'consul' && /consul/i.test(message)) {
    return `HOUSTON_CONSUL_URL: cannot register with ${settings.HOUSTON_CONSUL_URL ?? ''}: ${oneLine(message, [])}`;
  }
  return `start-up failed: ${oneLine(message, [db, redis])}`;
}

/** The first line of a message, with any URL that may hold a password masked. */
function oneLine(message: string, urls: Array<string | undefined>): string {
  let line = message.split('\n')[0] ?? '';
  for (const url of urls) if (url) line = line.split(url).join(describeDatabaseUrl(url));
  return line.replace(/(\/\/[^:/@\s]*:)[^@\s]*@/g, '$1***@');
}
