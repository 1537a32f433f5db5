/**
 * Error codes of a database or Redis that cannot be reached or does not answer in time: the
 * request was fine and may succeed a little later, so it is answered 503 with Retry-After,
 * not 500. Driver errors arrive wrapped (TypeORM's QueryFailedError keeps the driver's error as
 * `driverError`), so both the error and what it wraps are looked at.
 */
const UNAVAILABLE_CODES = new Set([
  // The socket: refused, reset, unreachable, or the connect/handshake timed out.
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
  // mysql2: the server closed the connection, a statement outlived its timeout.
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  // SQLite: another process held the write lock past the busy timeout.
  'SQLITE_BUSY',
]);

/** ioredis says "unreachable" in messages rather than codes. */
const UNAVAILABLE_MESSAGES = [
  /^Command timed out$/,
  /^Stream isn't writeable/,
  /^Connection is closed\.?$/,
  /Reached the max retries per request limit/,
  /Can't add new command when connection is in closed state/,
];

export function isDependencyUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    if (typeof current !== 'object') return false;
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message)))
      return true;
    current = (current as { driverError?: unknown }).driverError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}
