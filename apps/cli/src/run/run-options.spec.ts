import { UsageError } from '../cli-errors';
import { parseDuration } from './parse-duration';
import { parseChangeAction, parseTemplateSpec, runOptionsOf } from './run-options';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['2s', 2000],
    ['1.5m', 90_000],
    ['1h', 3_600_000],
    ['3', 3000],
    ['0', 0],
  ])('%s is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'soon', '2 days', '-1s', '1d'])('refuses %j', (text) =>
    expect(parseDuration(text)).toBeNull(),
  );
});

describe('parseTemplateSpec', () => {
  it('splits source and destination at the first colon', () => {
    expect(parseTemplateSpec('nginx.conf.j2:/etc/nginx/nginx.conf')).toEqual({
      source: 'nginx.conf.j2',
      destination: '/etc/nginx/nginx.conf',
    });
  });

  it.each(['nginx.conf', ':dest', 'src:'])('refuses %j', (text) =>
    expect(() => parseTemplateSpec(text)).toThrow(UsageError),
  );
});

describe('parseChangeAction', () => {
  it('reads restart (the default), none and signals with or without SIG', () => {
    expect(parseChangeAction(undefined)).toEqual({ kind: 'restart' });
    expect(parseChangeAction('none')).toEqual({ kind: 'none' });
    expect(parseChangeAction('signal:SIGHUP')).toEqual({ kind: 'signal', signal: 'SIGHUP' });
    expect(parseChangeAction('signal:usr1')).toEqual({ kind: 'signal', signal: 'SIGUSR1' });
  });

  it.each(['reload', 'signal:', 'signal:SIG HUP'])('refuses %j', (text) =>
    expect(() => parseChangeAction(text)).toThrow(UsageError),
  );
});

describe('runOptionsOf', () => {
  const base = { app: 'demo', 'config-url': 'http://config:8080' };

  it('fills in the defaults', () => {
    expect(runOptionsOf(base, ['redis-server', 'redis.conf'], {})).toEqual({
      appId: 'demo',
      cluster: 'default',
      namespaces: ['application'],
      configServiceUrl: 'http://config:8080',
      templates: [],
      check: undefined,
      checkTimeoutMs: 60_000,
      onChange: { kind: 'restart' },
      debounceMs: 1000,
      onCheckFail: 'keep',
      cacheDir: undefined,
      stopTimeoutMs: 10_000,
      command: ['redis-server', 'redis.conf'],
    });
  });

  it('reads every option', () => {
    const options = runOptionsOf(
      {
        app: 'demo',
        cluster: 'sh',
        namespace: ['application', 'app.yaml', 'application'],
        'meta-url': 'http://meta:8060',
        template: ['a.j2:a.conf', 'b.j2:b.conf'],
        check: 'nginx -t',
        'on-change': 'signal:SIGHUP',
        debounce: '2s',
        'on-check-fail': 'exit',
        'cache-dir': '/var/cache/houston',
        'stop-timeout': '30s',
      },
      ['nginx'],
      {},
    );
    expect(options).toMatchObject({
      cluster: 'sh',
      namespaces: ['application', 'app.yaml'],
      metaServerUrl: 'http://meta:8060',
      templates: [
        { source: 'a.j2', destination: 'a.conf' },
        { source: 'b.j2', destination: 'b.conf' },
      ],
      check: 'nginx -t',
      onChange: { kind: 'signal', signal: 'SIGHUP' },
      debounceMs: 2000,
      onCheckFail: 'exit',
      cacheDir: '/var/cache/houston',
      stopTimeoutMs: 30_000,
    });
  });

  it('takes the app and the server from the environment', () => {
    const options = runOptionsOf({}, ['x'], { HOUSTON_APP: 'env-app', HOUSTON_META_URL: 'http://meta' });
    expect(options).toMatchObject({ appId: 'env-app', metaServerUrl: 'http://meta' });
  });

  it('says what is missing or wrong', () => {
    expect(() => runOptionsOf({ 'config-url': 'u' }, ['x'], {})).toThrow('run needs --app');
    expect(() => runOptionsOf({ app: 'a' }, ['x'], {})).toThrow('--meta-url <url> or --config-url');
    expect(() => runOptionsOf(base, [], {})).toThrow('program after --');
    expect(() => runOptionsOf({ ...base, debounce: 'soon' }, ['x'], {})).toThrow(
      '--debounce must be a duration',
    );
    expect(() => runOptionsOf({ ...base, 'on-check-fail': 'ignore' }, ['x'], {})).toThrow(UsageError);
  });
});
