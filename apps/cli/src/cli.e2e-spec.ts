import { startHoustonProcess, TEST_ADMIN_TOKEN, type HoustonProcess } from '@houston/testing';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './cli';

/**
 * Every management command against a real Houston process, through `main` in-process. One server
 * for the file; each case makes the apps it works on, so the cases pass alone and in any order.
 */
describe('houston management commands against a real server', () => {
  let server: HoustonProcess;
  let dir: string;
  let apps = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'houston-cli-'));
    // A minute to start: on a loaded machine the process's first migration can take most of it.
    server = await startHoustonProcess(
      { HOUSTON_LONG_POLL_TIMEOUT: '5s', HOUSTON_SCAN_INTERVAL: '200ms' },
      60_000,
    );
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function houston(...argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await main([...argv, '--admin-url', server.adminUrl], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: { HOUSTON_OPERATOR: 'ci', HOUSTON_ADMIN_TOKEN: TEST_ADMIN_TOKEN },
      cwd: dir,
    });
    return { code, stdout, stderr };
  }

  async function houstonWith(env: Record<string, string>, ...argv: string[]) {
    let stderr = '';
    const code = await main(argv, {
      stdout: { write: () => undefined },
      stderr: { write: (text: string) => (stderr += text) },
      env: { HOUSTON_ADMIN_TOKEN: TEST_ADMIN_TOKEN, ...env },
      cwd: dir,
    });
    return { code, stderr };
  }

  /** A new app (`<prefix>-<n>`, named Shop), with its default cluster and application namespace. */
  async function newApp(prefix = 'shop'): Promise<string> {
    const appId = `${prefix}-${++apps}`;
    expect(await houston('apps', 'create', appId, '--name', 'Shop')).toMatchObject({ code: 0 });
    return appId;
  }

  it('says how to name the operator when the server gets none', async () => {
    const blank = await houstonWith(
      { HOUSTON_OPERATOR: ' ' },
      'apps',
      'create',
      'nobody',
      '--admin-url',
      server.adminUrl,
    );
    expect(blank.code).toBe(1);
    expect(blank.stderr).toMatch(
      /^houston: OPERATOR_REQUIRED: .*\nhouston: .*--operator <name> or HOUSTON_OPERATOR/,
    );
  });

  it('asks whether the address is the admin-service when the route is not there', async () => {
    const wrong = await houstonWith(
      { HOUSTON_OPERATOR: 'ci' },
      'apps',
      'list',
      '--admin-url',
      server.configUrl,
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(
      `nothing answers GET ${server.configUrl}/apps: is this the admin-service?`,
    );
  });

  it('points at the token when the admin-service refuses the call', async () => {
    const refused = await houstonWith(
      { HOUSTON_OPERATOR: 'ci', HOUSTON_ADMIN_TOKEN: 'wrong' },
      'apps',
      'list',
      '--admin-url',
      server.adminUrl,
    );
    expect(refused.stderr).toMatch(/UNAUTHORIZED[\s\S]*set HOUSTON_ADMIN_TOKEN/);
  });

  it('says which of --app, --cluster or -n names nothing that exists', async () => {
    const missing = await houstonWith(
      { HOUSTON_OPERATOR: 'ci' },
      'items',
      'list',
      '--app',
      'no-such-app',
      '--admin-url',
      server.adminUrl,
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/NOT_FOUND[\s\S]*check --app, --cluster and -n/);
  });

  it('creates, lists and shows apps', async () => {
    const shop = `shop-${++apps}`;
    expect(await houston('apps', 'create', shop, '--name', 'Shop')).toMatchObject({
      code: 0,
      stdout: `created app ${shop} (Shop)\n`,
    });
    const list = await houston('apps', 'list');
    expect(list.stdout).toMatch(/^APP\s+NAME\s+ORG\s+OWNER\n/);
    expect(list.stdout).toMatch(new RegExp(`^${shop}\\s+Shop`, 'm'));
    const app = JSON.parse((await houston('apps', 'get', shop, '--json')).stdout);
    expect(app).toMatchObject({ appId: shop, name: 'Shop', dataChangeCreatedBy: 'ci' });

    const again = await houston('apps', 'create', shop);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('ALREADY_EXISTS');
  });

  it('switches incremental sync of an app on and off', async () => {
    const shop = await newApp();
    expect((await houston('apps', 'get', shop)).stdout).toMatch(/incremental sync:\s+off/);
    expect(await houston('apps', 'incremental-sync', shop, 'on')).toMatchObject({
      code: 0,
      stdout: `incremental sync on for app ${shop}\n`,
    });
    expect(JSON.parse((await houston('apps', 'get', shop, '--json')).stdout).incrementalSync).toBe(true);
    expect((await houston('apps', 'incremental-sync', shop, 'off')).stdout).toBe(
      `incremental sync off for app ${shop}\n`,
    );
    expect((await houston('apps', 'incremental-sync', shop, 'maybe')).code).not.toBe(0);
  });

  it('creates, lists and deletes clusters', async () => {
    const shop = await newApp();
    expect((await houston('clusters', 'create', 'east', '--app', shop)).code).toBe(0);
    expect((await houston('clusters', 'list', '--app', shop)).stdout).toMatch(/default[\s\S]*east/);
    expect((await houston('clusters', 'delete', 'east', '--app', shop)).code).toBe(0);
    expect((await houston('clusters', 'list', '--app', shop)).stdout).not.toContain('east');
  });

  it('defines namespaces of other formats and lists them', async () => {
    const shop = await newApp();
    const created = await houston('namespaces', 'create', 'app', '--format', 'yaml', '--app', shop);
    expect(created).toMatchObject({ code: 0, stdout: 'created private namespace app.yaml (yaml)\n' });
    const names = JSON.parse((await houston('namespaces', 'list', '--app', shop, '--json')).stdout).map(
      (ns: { namespaceName: string }) => ns.namespaceName,
    );
    expect(names).toEqual(expect.arrayContaining(['application', 'app.yaml']));
  });

  it('sets, gets, lists and deletes items; diff shows what a release would change', async () => {
    const shop = await newApp();
    expect((await houston('items', 'set', 'timeout', '100', '--app', shop, '--comment', 'ms')).code).toBe(0);
    expect((await houston('items', 'set', 'port', '8080', '--app', shop)).code).toBe(0);
    expect((await houston('items', 'get', 'timeout', '--app', shop)).stdout).toContain('value:    100');
    expect((await houston('items', 'list', '--app', shop)).stdout).toMatch(/timeout\s+100\s+ms\s+ci/);
    expect((await houston('diff', '--app', shop)).stdout).toBe('+ port = 8080\n+ timeout = 100\n');

    expect((await houston('items', 'delete', 'port', '--app', shop)).code).toBe(0);
    const missing = await houston('items', 'get', 'port', '--app', shop);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('NOT_FOUND');
  });

  it('release --dry-run shows the diff and the checks, and exits 1 when a check fails', async () => {
    const guarded = await newApp('guarded');
    expect((await houston('items', 'set', 'timeout', '90000', '--app', guarded)).code).toBe(0);
    const schema = await fetch(`${server.adminUrl}/apps/${guarded}/appnamespaces/application/schema`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
        'x-operator': 'ci',
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        schema: { type: 'object', properties: { timeout: { type: 'integer', maximum: 60000 } } },
      }),
    });
    expect(schema.status).toBe(200);

    const refused = await houston('release', '--dry-run', '--app', guarded);
    expect(refused).toMatchObject({
      code: 1,
      stdout: '+ timeout = 90000\nFAIL schema\n     $.timeout: must be <= 60000\nwould be refused\n',
    });
    const json = JSON.parse((await houston('release', '--dry-run', '--app', guarded, '--json')).stdout);
    expect(json).toMatchObject({ wouldPublish: false, checks: [{ name: 'schema', passed: false }] });
    expect((await houston('history', '--app', guarded, '--json')).stdout.trim()).toBe('[]');

    expect((await houston('items', 'set', 'timeout', '30000', '--app', guarded)).code).toBe(0);
    expect(await houston('release', '--dry-run', '--app', guarded)).toMatchObject({
      code: 0,
      stdout: '+ timeout = 30000\nok   schema\nwould publish\n',
    });
  });

  it('releases, shows history, and rolls back', async () => {
    const shop = await newApp();
    expect((await houston('items', 'set', 'timeout', '100', '--app', shop)).code).toBe(0);
    expect((await houston('namespaces', 'create', 'app', '--format', 'yaml', '--app', shop)).code).toBe(0);
    const first = JSON.parse((await houston('release', '--app', shop, '--title', 'first', '--json')).stdout);
    expect(first).toMatchObject({ name: 'first', configurations: { timeout: '100' } });
    expect((await houston('diff', '--app', shop)).stdout).toBe('no unreleased changes\n');

    await houston('items', 'set', 'timeout', '200', '--app', shop);
    expect((await houston('diff', '--app', shop)).stdout).toBe('~ timeout: 100 -> 200\n');
    const second = await houston('release', '--app', shop, '--title', 'second', '--comment', 'slower');
    expect(second.stdout).toMatch(
      new RegExp(`^released ${shop}/default/application: second \\(id \\d+, key \\S+\\)\\n$`),
    );

    const rollback = await houston('rollback', '--app', shop);
    expect(rollback).toMatchObject({ code: 0 });
    expect(rollback.stdout).toMatch(/^rolled back second \(id \d+\); clients now get first \(id \d+\)\n$/);

    const history = await houston('history', '--app', shop);
    expect(history.stdout.split('\n')[0]).toMatch(/^ID\s+OPERATION\s+RELEASE\s+TITLE\s+BY\s+TIME$/);
    expect(history.stdout).toMatch(
      /ROLLBACK[\s\S]*NORMAL_RELEASE\s+\d+\s+second[\s\S]*NORMAL_RELEASE\s+\d+\s+first/,
    );

    // app.yaml was never released: there is nothing to roll back.
    const nothing = await houston('rollback', '--app', shop, '-n', 'app.yaml');
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('NOT_FOUND');
  });

  it('exports and imports a namespace as text', async () => {
    const shop = await newApp();
    expect((await houston('items', 'set', 'timeout', '200', '--app', shop)).code).toBe(0);
    expect((await houston('namespaces', 'create', 'app', '--format', 'yaml', '--app', shop)).code).toBe(0);
    expect((await houston('export', '--app', shop)).stdout).toBe('timeout = 200\n');

    writeFileSync(join(dir, 'app.yaml'), 'server:\n  port: 8081\n');
    const imported = await houston('import', '--app', shop, '-n', 'app.yaml', '--file', 'app.yaml');
    expect(imported.stdout).toContain('1 created, 0 updated, 0 deleted');
    expect((await houston('export', '--app', shop, '-n', 'app.yaml', '--file', 'out.yaml')).code).toBe(0);
    expect(readFileSync(join(dir, 'out.yaml'), 'utf8')).toBe('server:\n  port: 8081\n');

    writeFileSync(join(dir, 'bad.yaml'), 'server: [\n');
    const bad = await houston('import', '--app', shop, '-n', 'app.yaml', '--file', 'bad.yaml');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('INVALID_DOCUMENT');
  });

  it('exits 3 when the server cannot be reached', async () => {
    const code = await main(['apps', 'list', '--admin-url', 'http://127.0.0.1:9'], {
      stdout: { write: () => true },
      stderr: { write: () => true },
      env: {},
    });
    expect(code).toBe(3);
  });
});
