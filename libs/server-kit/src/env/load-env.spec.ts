import {
  envBool,
  envDurationMs,
  envEnum,
  envInt,
  envList,
  envOptional,
  envPort,
  envString,
  envUrl,
} from './env-builders';
import { EnvValidationError } from './env-validation-error';
import { loadEnv } from './load-env';

function problemsOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EnvValidationError);
    return (error as Error).message;
  }
  throw new Error('expected an EnvValidationError');
}

describe('loadEnv', () => {
  const schema = {
    NAME: envString({ description: 'a name' }),
    COUNT: envInt({ description: 'a count', default: 3, min: 1, max: 10 }),
    PORT: envPort({ description: 'a port', default: 8080 }),
    ON: envBool({ description: 'a switch', default: false }),
    LEVEL: envEnum(['info', 'debug'], { description: 'a level', default: 'info' }),
    WAIT: envDurationMs({ description: 'a wait', default: 10_000 }),
    URL: envUrl({ description: 'a url', default: 'http://localhost:8080' }),
    TAGS: envList({ description: 'tags', default: [] }),
  };

  it('reads every kind of value and types the result', () => {
    const env = loadEnv(schema, {
      NAME: 'houston',
      COUNT: '7',
      PORT: '0',
      ON: 'yes',
      LEVEL: 'debug',
      WAIT: '5m',
      URL: 'https://config.example.com/base',
      TAGS: ' a, b ,,c ',
    });
    expect(env).toEqual({
      NAME: 'houston',
      COUNT: 7,
      PORT: 0,
      ON: true,
      LEVEL: 'debug',
      WAIT: 300_000,
      URL: 'https://config.example.com/base',
      TAGS: ['a', 'b', 'c'],
    });
    // The result is typed from the schema: `npm run typecheck` fails if these are not the types
    // (a runtime assertion on them would repeat the toEqual above and could not fail).
    env.LEVEL satisfies 'info' | 'debug';
    env.WAIT satisfies number;
  });

  it('uses defaults for unset and empty variables', () => {
    const env = loadEnv(schema, { NAME: 'x', COUNT: '' });
    expect(env.COUNT).toBe(3);
    expect(env.PORT).toBe(8080);
    expect(env.ON).toBe(false);
    expect(env.WAIT).toBe(10_000);
    expect(env.TAGS).toEqual([]);
  });

  it('reads process.env when no source is given', () => {
    process.env['HOUSTON_SK_TEST_VALUE'] = '42';
    try {
      expect(loadEnv({ HOUSTON_SK_TEST_VALUE: envInt({ description: 'x' }) }).HOUSTON_SK_TEST_VALUE).toBe(42);
    } finally {
      delete process.env['HOUSTON_SK_TEST_VALUE'];
    }
  });

  it('collects every problem into one error naming each variable and value', () => {
    const message = problemsOf(() =>
      loadEnv(schema, {
        COUNT: '11',
        PORT: '70000',
        ON: 'maybe',
        LEVEL: 'loud',
        WAIT: '3 days',
        URL: 'nope',
      }),
    );
    expect(message).toContain('7 problems');
    expect(message).toContain('NAME: is required but not set');
    expect(message).toContain('COUNT: must be at most 10 (got "11")');
    expect(message).toContain('PORT: must be at most 65535 (got "70000")');
    expect(message).toContain('ON: must be one of true, false, 1, 0, yes, no (got "maybe")');
    expect(message).toContain('LEVEL: must be one of info, debug (got "loud")');
    expect(message).toContain('WAIT: must be a duration such as 1500, 500ms, 10s, 5m or 1h (got "3 days")');
    expect(message).toContain('URL: must be an absolute URL (got "nope")');
  });

  it('exposes the problems as data', () => {
    let thrown: unknown;
    try {
      loadEnv({ A: envInt({ description: 'a' }), B: envInt({ description: 'b' }) }, { B: 'x' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EnvValidationError);
    expect((thrown as EnvValidationError).problems).toEqual([
      { name: 'A', reason: 'is required but not set' },
      { name: 'B', reason: 'must be an integer', shown: 'x' },
    ]);
  });

  it('never shows a sensitive value, nor the password in a URL', () => {
    const message = problemsOf(() =>
      loadEnv(
        {
          SECRET: envString({
            description: 's',
            sensitive: true,
            pattern: /[a-f0-9]{32}/,
            patternHint: '32 hex digits',
          }),
          DB: envUrl({ description: 'db', protocols: ['mysql'] }),
        },
        { SECRET: 'hunter2', DB: 'postgres://app:topsecret@db:5432/houston' },
      ),
    );
    expect(message).toContain('SECRET: must be 32 hex digits (got "***")');
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('topsecret');
    expect(message).toContain(
      'DB: must be a URL with scheme mysql (got "postgres://app:***@db:5432/houston")',
    );
  });

  it('treats optional variables as undefined when unset', () => {
    const env = loadEnv({ META: envOptional(envUrl({ description: 'meta' })) }, {});
    expect(env.META).toBeUndefined();
    expect(
      loadEnv({ META: envOptional(envUrl({ description: 'meta' })) }, { META: 'http://m:8080' }).META,
    ).toBe('http://m:8080');
  });
});

describe('builders', () => {
  it('envString checks the whole value against a pattern', () => {
    const db = envString({ description: 'db', pattern: /sqlite:.+|mysql:\/\/.+/ });
    expect(db.parse('sqlite:data/houston.db')).toBe('sqlite:data/houston.db');
    expect(db.parse('mysql://root@localhost/houston')).toBe('mysql://root@localhost/houston');
    expect(() => db.parse('xsqlite:a')).toThrow(/must match/);
    expect(() => db.parse('postgres://x')).toThrow(/must match/);
  });

  it('envInt refuses non-integers and honours bounds', () => {
    const n = envInt({ description: 'n', min: -5, max: 5 });
    expect(n.parse(' -5 ')).toBe(-5);
    expect(n.parse('+5')).toBe(5);
    expect(() => n.parse('1.5')).toThrow('must be an integer');
    expect(() => n.parse('1e3')).toThrow('must be an integer');
    expect(() => n.parse('-6')).toThrow('must be at least -5');
    expect(() => n.parse('99999999999999999999')).toThrow('too large');
  });

  it('envPort accepts 0 for an ephemeral port and refuses what no port can be', () => {
    const port = envPort({ description: 'p' });
    expect(port.parse('0')).toBe(0);
    expect(port.parse('65535')).toBe(65535);
    expect(() => port.parse('-1')).toThrow('at least 0');
    expect(() => port.parse('http')).toThrow('integer');
  });

  it('envBool reads the usual words in any case', () => {
    const b = envBool({ description: 'b' });
    expect(['true', 'TRUE', '1', 'yes', 'Yes'].map((v) => b.parse(v))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['false', 'False', '0', 'no', 'NO'].map((v) => b.parse(v))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(() => b.parse('on')).toThrow();
  });

  it('envEnum matches ignoring case and returns the canonical spelling', () => {
    const e = envEnum(['mysql', 'sqlite'], { description: 'e' });
    expect(e.parse('MySQL')).toBe('mysql');
    expect(() => e.parse('postgres')).toThrow('must be one of mysql, sqlite');
  });

  it('envDurationMs reads every unit', () => {
    const d = envDurationMs({ description: 'd' });
    expect(d.parse('1500')).toBe(1500);
    expect(d.parse('500ms')).toBe(500);
    expect(d.parse('10s')).toBe(10_000);
    expect(d.parse('1.5s')).toBe(1500);
    expect(d.parse('5m')).toBe(300_000);
    expect(d.parse('1h')).toBe(3_600_000);
    expect(d.parse('2H')).toBe(7_200_000);
    for (const bad of ['', 's', '-1s', '10 minutes', '1d', '1h30m']) expect(() => d.parse(bad)).toThrow();
  });

  it('envDurationMs honours bounds, said in the same units', () => {
    const d = envDurationMs({ description: 'd', min: 1000, max: 60_000 });
    expect(() => d.parse('10ms')).toThrow('must be at least 1s');
    expect(() => d.parse('2m')).toThrow('must be at most 1m');
  });

  it('envUrl accepts opaque forms such as sqlite:relative/path.db and restricts schemes when asked', () => {
    expect(envUrl({ description: 'u' }).parse('sqlite:data/h.db')).toBe('sqlite:data/h.db');
    const http = envUrl({ description: 'u', protocols: ['http', 'https'] });
    expect(http.parse(' https://a.b/c ')).toBe('https://a.b/c');
    expect(() => http.parse('ftp://a.b')).toThrow('scheme http, https');
    expect(() => http.parse('/relative')).toThrow('absolute URL');
  });

  it('envList parses each entry when told how', () => {
    const ports = envList({ description: 'l', item: (raw) => envPort({ description: '' }).parse(raw) });
    expect(ports.parse('80, 443')).toEqual([80, 443]);
    expect(() => ports.parse('80,x')).toThrow('entry "x" must be an integer');
    expect(envList({ description: 'l' }).parse(' , ')).toEqual([]);
  });
});
