import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAllInOne } from './all-in-one';
import { dataDirOf, embeddedPortalDatabase, embeddedSecretKeyFile } from './embedded-files';
import { call } from './test-support/http-client';
import { TEST_ALL_IN_ONE } from './test-support/start-houston';

describe("the embedded default's files", () => {
  let cwd: string;
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);

  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'houston-files-'));
    warnings.length = 0;
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('keeps them beside a SQLite file, and in data/ otherwise', () => {
    expect(dataDirOf('sqlite:/var/lib/houston/houston.sqlite')).toBe('/var/lib/houston');
    expect(dataDirOf('sqlite:data/houston.sqlite')).toBe('data');
    expect(dataDirOf('sqlite::memory:')).toBe('data');
    expect(dataDirOf('mysql://root@127.0.0.1:3306/houston')).toBe('data');
  });

  it("puts the portal's database beside the configuration's", () => {
    expect(embeddedPortalDatabase('state', warn, cwd)).toBe(`sqlite:${join(cwd, 'state', 'portal.sqlite')}`);
    expect(embeddedPortalDatabase('data', warn, cwd)).toBe(`sqlite:${join(cwd, 'data', 'portal.sqlite')}`);
    expect(warnings).toEqual([]);
  });

  it('goes on with one an earlier version left in data/, saying where to move it', () => {
    mkdirSync(join(cwd, 'data'));
    writeFileSync(join(cwd, 'data', 'portal.sqlite'), '');
    expect(embeddedPortalDatabase('state', warn, cwd)).toBe(`sqlite:${join(cwd, 'data', 'portal.sqlite')}`);
    expect(warnings).toEqual([
      `the portal's database is ${join(cwd, 'data', 'portal.sqlite')}: move it to ${join(cwd, 'state', 'portal.sqlite')}, beside the configuration's, or set HOUSTON_PORTAL_DB_URL`,
    ]);
    // Once moved (or once one exists beside), the one beside wins.
    mkdirSync(join(cwd, 'state'));
    writeFileSync(join(cwd, 'state', 'portal.sqlite'), '');
    expect(embeddedPortalDatabase('state', warn, cwd)).toBe(`sqlite:${join(cwd, 'state', 'portal.sqlite')}`);
  });
});

describe("the embedded default's master key", () => {
  let dir: string;
  const NS = '/apps/vault/clusters/default/namespaces/application';
  const start = (settings: Record<string, string> = {}) =>
    startAllInOne({
      ...TEST_ALL_IN_ONE,
      HOUSTON_CONFIG_PORT: '0',
      HOUSTON_ADMIN_PORT: '0',
      HOUSTON_LOG_LEVEL: 'error',
      HOUSTON_DB_URL: `sqlite:${join(dir, 'houston.sqlite')}`,
      ...settings,
    });
  const admin = (url: string, method: string, path: string, body?: unknown) =>
    call(url, method, path, body, { 'x-operator': 'ops' });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'houston-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is made once, for its owner only, and read again after', () => {
    const file = embeddedSecretKeyFile(join(dir, 'state'));
    expect(file).toBe(join(dir, 'state', 'secret-keys'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'state')).mode & 0o777).toBe(0o700);
    const made = readFileSync(file, 'utf8');
    expect(made).toMatch(/^# .*\nk1:[A-Za-z0-9+/]{43}=\n$/);
    expect(embeddedSecretKeyFile(join(dir, 'state'))).toBe(file);
    expect(readFileSync(file, 'utf8')).toBe(made);
  });

  it('lets npm start store a secret with no key named, and read it back after a restart', async () => {
    let houston = await start();
    try {
      expect(houston.secretKeyFile).toBe(join(dir, 'secret-keys'));
      expect((await admin(houston.adminUrl, 'POST', '/apps', { appId: 'vault', name: 'Vault' })).status).toBe(
        201,
      );
      const stored = await admin(houston.adminUrl, 'POST', `${NS}/items`, {
        key: 'pw',
        value: 'hunter2',
        secret: true,
      });
      expect(stored.status).toBe(201);
      expect(stored.body.value).toBe('******');
    } finally {
      await houston.close();
    }
    houston = await start();
    try {
      const revealed = await admin(houston.adminUrl, 'GET', `${NS}/items/pw?reveal=true`);
      expect(revealed.body).toMatchObject({ key: 'pw', value: 'hunter2', secret: true });
    } finally {
      await houston.close();
    }
  });

  it('is not made when keys are named, or when HOUSTON_SECRET_KEYS is empty on purpose', async () => {
    const houston = await start({ HOUSTON_SECRET_KEYS: '' });
    try {
      expect(houston.secretKeyFile).toBeUndefined();
      expect(existsSync(join(dir, 'secret-keys'))).toBe(false);
      await admin(houston.adminUrl, 'POST', '/apps', { appId: 'vault', name: 'Vault' });
      const refused = await admin(houston.adminUrl, 'POST', `${NS}/items`, {
        key: 'pw',
        value: 'x',
        secret: true,
      });
      expect(refused.status).toBe(503);
      expect(refused.body.message).toMatch(/HOUSTON_SECRET_KEYS/);
    } finally {
      await houston.close();
    }
  });
});
