import { main } from './cli';
import type { CliIo } from './cli-io';

interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** Runs `houston` in-process against a scripted admin-service. */
async function houston(
  argv: string[],
  answer: (call: Call) => { status: number; body?: unknown } | Error = () => ({ status: 200, body: [] }),
  env: Record<string, string> = {},
) {
  let stdout = '';
  let stderr = '';
  const calls: Call[] = [];
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { HOUSTON_OPERATOR: 'ann', ...env },
    cwd: '/work',
    fetch: (async (url: URL, init: RequestInit) => {
      const call: Call = {
        method: init.method ?? 'GET',
        url: String(url),
        headers: init.headers as Record<string, string>,
        body: init.body ? JSON.parse(String(init.body)) : undefined,
      };
      calls.push(call);
      const result = answer(call);
      if (result instanceof Error) throw result;
      return new Response(result.body === undefined ? null : JSON.stringify(result.body), {
        status: result.status,
      });
    }) as typeof fetch,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, calls };
}

const refused = () =>
  new TypeError('fetch failed', {
    cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
  });

describe('houston management commands', () => {
  it('lists apps as a table, or as JSON with --json', async () => {
    const apps = [{ appId: 'demo', name: 'Demo', orgId: 'eng', ownerName: 'ann' }];
    const table = await houston(['apps', 'list'], () => ({ status: 200, body: apps }));
    expect(table).toMatchObject({
      code: 0,
      stdout: 'APP   NAME  ORG  OWNER\ndemo  Demo  eng  ann\n',
      stderr: '',
    });
    expect(table.calls[0]).toMatchObject({ method: 'GET', url: 'http://127.0.0.1:8090/apps' });

    const json = await houston(['apps', 'list', '--json'], () => ({ status: 200, body: apps }));
    expect(JSON.parse(json.stdout)).toEqual(apps);
  });

  it('sends the operator and honours --admin-url and HOUSTON_ADMIN_URL', async () => {
    const byEnv = await houston(['apps', 'list'], undefined, { HOUSTON_ADMIN_URL: 'http://admin:9000/' });
    expect(byEnv.calls[0]!.url).toBe('http://admin:9000/apps');
    expect(byEnv.calls[0]!.headers['x-operator']).toBe('ann');
    const byOption = await houston(['--admin-url', 'http://other', 'apps', 'list', '--operator', 'bob']);
    expect(byOption.calls[0]!.url).toBe('http://other/apps');
    expect(byOption.calls[0]!.headers['x-operator']).toBe('bob');
  });

  it('escapes names in paths and addresses the namespace from --app, --cluster and -n', async () => {
    const { calls } = await houston(
      [
        'items',
        'set',
        'db url',
        'jdbc:x',
        '--app',
        'demo',
        '--cluster',
        'sh',
        '-n',
        'app.yaml',
        '--comment',
        'c',
      ],
      () => ({ status: 200, body: { key: 'db url', value: 'jdbc:x' } }),
    );
    expect(calls[0]).toMatchObject({
      method: 'PUT',
      url: 'http://127.0.0.1:8090/apps/demo/clusters/sh/namespaces/app.yaml/items/db%20url?createIfNotExists=true',
      body: { key: 'db url', value: 'jdbc:x', comment: 'c' },
    });
  });

  it('rolls back the active release', async () => {
    const { code, stdout, calls } = await houston(['rollback', '--app', 'demo', '--to', '3'], (call) =>
      call.method === 'GET'
        ? { status: 200, body: { id: 7, name: 'seventh' } }
        : { status: 200, body: { id: 3, name: 'third' } },
    );
    expect(code).toBe(0);
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'GET http://127.0.0.1:8090/apps/demo/clusters/default/namespaces/application/releases/latest',
      'PUT http://127.0.0.1:8090/releases/7/rollback?toReleaseId=3',
    ]);
    expect(stdout).toBe('rolled back seventh (id 7); clients now get third (id 3)\n');
  });

  it('shows unreleased changes as +/~/- lines', async () => {
    const { stdout } = await houston(['diff', '--app', 'demo'], () => ({
      status: 200,
      body: {
        baseReleaseId: 1,
        hasChanges: true,
        changes: { added: [{ key: 'a', value: '1' }], modified: [], deleted: [{ key: 'b', value: '2' }] },
      },
    }));
    expect(stdout).toBe('+ a = 1\n- b = 2\n');
  });
});

describe('houston exit codes', () => {
  it('is 1 with the server code and message when the server says no', async () => {
    const result = await houston(['apps', 'get', 'nope'], () => ({
      status: 404,
      body: { status: 404, code: 'NOT_FOUND', message: 'app nope not found', details: { appId: 'nope' } },
    }));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'houston: NOT_FOUND: app nope not found {"appId":"nope"}\nhouston: check --app, --cluster and -n (or HOUSTON_APP)\n',
    );
    expect(result.stdout).toBe('');
  });

  it('gives the error body as JSON with --json', async () => {
    const result = await houston(['apps', 'create', 'demo', '--json'], () => ({
      status: 409,
      body: { status: 409, code: 'ALREADY_EXISTS', message: 'app demo already exists' },
    }));
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stderr)).toMatchObject({ status: 409, code: 'ALREADY_EXISTS' });
  });

  it('is 1 for an answer that is not our error shape', async () => {
    const result = await houston(['apps', 'list'], () => ({ status: 502, body: 'Bad Gateway' }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('HTTP_502');
  });

  it('is 3 when the server cannot be reached', async () => {
    const result = await houston(['apps', 'list'], refused);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      'houston: cannot reach the admin-service at http://127.0.0.1:8090: ECONNREFUSED connect ECONNREFUSED\n',
    );
  });

  it.each([
    [['apps'], 'unknown command: apps'],
    [['frob'], 'unknown command: frob'],
    [['items', 'get'], 'items get needs <key>'],
    [['items', 'get', 'a', 'b', '--app', 'x'], 'unexpected argument b'],
    [['items', 'list'], 'items list needs --app <appId>'],
    [['items', 'list', '--app', 'x', '--title', 't'], 'items list does not take --title'],
    [['items', 'list', '--app', 'x', '-n', 'a', '-n', 'b'], 'give -n once'],
    [['namespaces', 'create', 'x', '--app', 'a', '--format', 'ini'], '--format must be one of'],
    [['rollback', '--app', 'a', '--to', 'last'], '--to must be a release id'],
    [['import', '--app', 'a'], 'import needs --file'],
    [['apps', 'list', '--', 'x'], 'takes nothing after --'],
    [['--bogus'], 'unknown option --bogus'],
  ])('is 2 for %j', async (argv, message) => {
    const result = await houston(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.calls).toEqual([]);
  });

  it.each([
    [['webhooks', 'add', 'http://127.0.0.1:9/hook', '--app', 'a'], {}, 'set HOUSTON_WEBHOOK_SECRET'],
    [['validation-hooks', 'add', 'http://127.0.0.1:9/hook', '--app', 'a'], {}, 'set HOUSTON_WEBHOOK_SECRET'],
    [
      ['webhooks', 'add', 'http://127.0.0.1:9/hook', '--app', 'a', '-n', 'x', '-n', 'y'],
      { HOUSTON_WEBHOOK_SECRET: 'a-signing-key-of-some-length' },
      'a webhook watches one namespace or the whole app; give -n once',
    ],
    [
      ['validation-hooks', 'add', 'http://127.0.0.1:9/hook', '--app', 'a', '--timeout-ms', '5s'],
      { HOUSTON_WEBHOOK_SECRET: 'a-signing-key-of-some-length' },
      '--timeout-ms must be a whole number',
    ],
  ])('is 2 for %j with %j, sending nothing', async (argv, env, message) => {
    const result = await houston(argv, undefined, env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.calls).toEqual([]);
  });

  it('registers either kind of webhook with the URL, the key from the environment and the namespace', async () => {
    const env = { HOUSTON_WEBHOOK_SECRET: 'a-signing-key-of-some-length' };
    const answer = () => ({
      status: 201,
      body: { id: 1, url: 'u', failurePolicy: 'fail-closed', events: [] },
    });
    const notify = await houston(
      ['webhooks', 'add', 'http://127.0.0.1:9/n', '--app', 'a', '-n', 'x'],
      answer,
      env,
    );
    const validate = await houston(
      ['validation-hooks', 'add', 'http://127.0.0.1:9/v', '--app', 'a', '--timeout-ms', '750'],
      answer,
      env,
    );
    expect([notify.code, validate.code]).toEqual([0, 0]);
    expect(notify.calls[0]!.body).toEqual({
      url: 'http://127.0.0.1:9/n',
      secret: env.HOUSTON_WEBHOOK_SECRET,
      namespaceName: 'x',
    });
    expect(validate.calls[0]!.body).toEqual({
      url: 'http://127.0.0.1:9/v',
      secret: env.HOUSTON_WEBHOOK_SECRET,
      timeoutMs: 750,
    });
  });

  it('prints help on stdout with 0, and on stderr with 2 when no command is given', async () => {
    const help = await houston(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: houston <command>');
    expect(help.stdout).toContain('items set <key> <value>');
    const commandHelp = await houston(['run', '--help']);
    expect(commandHelp.stdout).toContain('[--template <src:dest>]');
    const none = await houston([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: houston');
  });
});
