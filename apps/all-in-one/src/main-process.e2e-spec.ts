import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startHoustonProcess } from '@houston/testing';
import { call } from './test-support/http-client';

describe('the npm start entry point, as a process', () => {
  it('prints its URLs, serves, and exits 0 on SIGTERM', async () => {
    const houston = await startHoustonProcess();
    try {
      expect((await call(houston.configUrl, 'GET', '/health')).status).toBe(200);
      expect((await call(houston.adminUrl, 'GET', '/ready')).status).toBe(200);
    } finally {
      expect(await houston.stop()).toBe(0);
    }
  });

  it('refuses a wrong setting with a clear message and exit code 1', async () => {
    await expect(startHoustonProcess({ HOUSTON_SCAN_INTERVAL: 'soon' })).rejects.toThrow(
      /exited with 1[\s\S]*HOUSTON_SCAN_INTERVAL: must be a duration/,
    );
  });

  it('makes its own admin-service token and runs the portal with itself as DEV', async () => {
    const houston = await startHoustonProcess({
      HOUSTON_ADMIN_TOKENS: '',
      HOUSTON_PORTAL_ENABLED: 'true',
      HOUSTON_PORTAL_ADMIN_PASSWORD: '',
    });
    try {
      const output = houston.output();
      expect(houston.portalUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      // The banner says where the portal is and how to sign in.
      expect(output).toContain(
        `portal                        ${houston.portalUrl}   (environment DEV = this process)`,
      );
      expect(output).toContain(
        'sign in as admin with HOUSTON_PORTAL_ADMIN_PASSWORD, or the password printed once',
      );
      const tokenFile = /kept in (\S+):/.exec(output)![1]!;
      // Everything it keeps is in one folder, beside its SQLite file: the token and the portal's
      // database, not a ./data of the working directory.
      expect(existsSync(join(dirname(tokenFile), 'portal.sqlite'))).toBe(true);
      expect(existsSync(join(dirname(tokenFile), 'data'))).toBe(false);
      // And the master key it made, which the banner names without showing it.
      const keyFile = join(dirname(tokenFile), 'secret-keys');
      expect(output).toContain(`encrypted with the master key in ${keyFile}:`);
      expect(output).not.toContain(readFileSync(keyFile, 'utf8').split('k1:')[1]!.trim());
      const token = readFileSync(tokenFile, 'utf8').trim();
      expect(output).not.toContain(token);
      const password = /Portal administrator created: user "admin", password (\S+)/.exec(output)![1]!;

      const anonymous = await fetch(`${houston.adminUrl}/apps`);
      expect(anonymous.status).toBe(401);
      expect((await fetch(`${houston.adminUrl}/health`)).status).toBe(200);
      expect((await fetch(`${houston.adminUrl}/ready`)).status).toBe(200);
      const withToken = await fetch(`${houston.adminUrl}/apps`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(withToken.status).toBe(200);

      const login = await fetch(`${houston.portalUrl}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const envs = await fetch(`${houston.portalUrl}/api/envs`, { headers: { cookie } });
      expect(await envs.json()).toEqual([{ env: 'DEV', status: 'up', adminServices: 1 }]);
      const created = await fetch(`${houston.portalUrl}/api/envs/DEV/apps`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ appId: 'demo', name: 'Demo' }),
      });
      expect(created.status).toBe(201);
      expect(await created.json()).toMatchObject({ appId: 'demo', dataChangeCreatedBy: 'admin' });
    } finally {
      expect(await houston.stop()).toBe(0);
    }
  }, 60_000);
});
