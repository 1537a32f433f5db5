import { isDependencyUnavailable } from './dependency-unavailable';

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });
const wrapped = (driverError: unknown) => Object.assign(new Error('query failed'), { driverError });

describe('isDependencyUnavailable', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED')],
    ['a connect or handshake timeout', withCode('ETIMEDOUT')],
    ['a statement past its timeout (mysql2)', wrapped(withCode('PROTOCOL_SEQUENCE_TIMEOUT'))],
    ['a connection the server dropped (mysql2)', wrapped(withCode('PROTOCOL_CONNECTION_LOST'))],
    ['a write lock held past the busy timeout (SQLite)', wrapped(withCode('SQLITE_BUSY'))],
    ['a Redis command past its timeout', new Error('Command timed out')],
    [
      'a Redis connection that is down',
      new Error("Stream isn't writeable and enableOfflineQueue options is false"),
    ],
    ['a cause chain', Object.assign(new Error('outer'), { cause: withCode('ECONNRESET') })],
  ])('recognizes %s', (_what, error) => {
    expect(isDependencyUnavailable(error)).toBe(true);
  });

  it.each([
    ['a duplicate key', wrapped(withCode('ER_DUP_ENTRY'))],
    ['a syntax error', wrapped(withCode('ER_PARSE_ERROR'))],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a thrown string', 'boom'],
    ['nothing', undefined],
  ])('leaves %s to the 500 path', (_what, error) => {
    expect(isDependencyUnavailable(error)).toBe(false);
  });
});
