import { randomBytes } from 'node:crypto';
import { startHoustonProcess, TEST_ADMIN_TOKEN, type HoustonProcess } from '@houston/testing';
import { main } from './cli';

describe('houston and secret items', () => {
  let server: HoustonProcess;
  const plain = `cli-${randomBytes(8).toString('hex')}`;

  beforeAll(async () => {
    server = await startHoustonProcess({ HOUSTON_SECRET_KEYS: `k1:${randomBytes(32).toString('base64')}` });
  }, 30_000);
  afterAll(async () => server?.stop());

  async function houston(...argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await main([...argv, '--admin-url', server.adminUrl], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: { HOUSTON_OPERATOR: 'ci', HOUSTON_ADMIN_TOKEN: TEST_ADMIN_TOKEN },
      cwd: process.cwd(),
    });
    return { code, stdout, stderr };
  }

  it('sets a secret, shows it masked, reveals it on request and re-encrypts', async () => {
    expect((await houston('apps', 'create', 'clisecret')).code).toBe(0);
    const set = await houston('items', 'set', 'db.password', plain, '--secret', '--app', 'clisecret');
    expect(set).toMatchObject({ code: 0, stdout: 'set db.password = ******\n' });
    const listed = await houston('items', 'list', '--app', 'clisecret');
    expect(listed.stdout).toContain('******');
    expect(listed.stdout).not.toContain(plain);
    expect((await houston('items', 'get', 'db.password', '--app', 'clisecret')).stdout).not.toContain(plain);
    const revealed = await houston('items', 'get', 'db.password', '--reveal', '--app', 'clisecret');
    expect(revealed.stdout).toContain(plain);
    const rotated = await houston('secrets', 'reencrypt', '--json');
    expect(rotated.code).toBe(0);
    expect(JSON.parse(rotated.stdout)).toEqual({
      keyId: 'k1',
      rewritten: { item: 0, release: 0, commit: 0, webhook: 0 },
    });
  });

  it('creates a secret namespace and marks one secret: every item set in it is masked', async () => {
    expect((await houston('apps', 'create', 'clivault')).code).toBe(0);
    const created = await houston('namespaces', 'create', 'credentials', '--secret', '--app', 'clivault');
    expect(created).toMatchObject({
      code: 0,
      stdout: 'created private secret namespace credentials (properties)\n',
    });
    const set = await houston(
      'items',
      'set',
      'token',
      plain,
      '--app',
      'clivault',
      '--namespace',
      'credentials',
    );
    expect(set).toMatchObject({ code: 0, stdout: 'set token = ******\n' });
    expect((await houston('items', 'set', 'mode', 'clear', '--app', 'clivault')).code).toBe(0);
    const marked = await houston('namespaces', 'secret', 'application', 'on', '--app', 'clivault');
    expect(marked).toMatchObject({
      code: 0,
      stdout: 'namespace application is secret: every item encrypted\n',
    });
    expect((await houston('items', 'list', '--app', 'clivault')).stdout).not.toContain('clear');
    expect((await houston('namespaces', 'secret', 'application', 'maybe', '--app', 'clivault')).code).toBe(2);
  });
});
