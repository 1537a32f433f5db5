import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startHoustonProcess, type HoustonProcess } from '@houston/testing';
// The script the image's HEALTHCHECK runs, imported for its pure parts.
import { healthUrls, serverOf } from './healthcheck.mjs';

const SCRIPT = join(__dirname, 'healthcheck.mjs');

function runHealthcheck(app: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, [SCRIPT, app], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    encoding: 'utf8',
    timeout: 15_000,
  });
  return { status: result.status, stderr: result.stderr };
}

describe('docker/healthcheck.mjs', () => {
  it('finds the server from the container command line', () => {
    expect(serverOf(['/usr/bin/tini -- x', 'node dist/apps/meta-server/src/main.js'])).toBe('meta-server');
    expect(serverOf(['node docker/healthcheck.mjs', 'node dist/apps/all-in-one/src/main.js'])).toBe(
      'all-in-one',
    );
    expect(serverOf(['node dist/apps/cli/src/main.js'])).toBeUndefined();
  });

  it('asks the ports the server reads, on loopback when it binds every interface', () => {
    expect(healthUrls('config-service', { HOUSTON_HOST: '0.0.0.0' })).toEqual([
      'http://127.0.0.1:8080/health',
    ]);
    expect(healthUrls('all-in-one', { HOUSTON_CONFIG_PORT: '18080', HOUSTON_ADMIN_PORT: '18090' })).toEqual([
      'http://127.0.0.1:18080/health',
      'http://127.0.0.1:18090/health',
    ]);
    expect(healthUrls('meta-server', { HOUSTON_HOST: '::' })).toEqual(['http://[::1]:8060/health']);
    expect(() => healthUrls('admin-service', { HOUSTON_ADMIN_PORT: '0' })).toThrow(/HOUSTON_ADMIN_PORT=0/);
  });

  describe('against a running all-in-one', () => {
    let houston: HoustonProcess;
    let ports: Record<string, string>;
    beforeAll(async () => {
      houston = await startHoustonProcess({}, 30_000);
      ports = {
        HOUSTON_CONFIG_PORT: new URL(houston.configUrl).port,
        HOUSTON_ADMIN_PORT: new URL(houston.adminUrl).port,
      };
    }, 40_000);
    afterAll(() => houston?.stop());

    it('is healthy while both servers answer', () => {
      expect(runHealthcheck('all-in-one', ports)).toEqual({ status: 0, stderr: '' });
    });

    it('is unhealthy when one of the ports does not answer', () => {
      const result = runHealthcheck('all-in-one', { ...ports, HOUSTON_ADMIN_PORT: '1' });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/^unhealthy: http:\/\/127\.0\.0\.1:1\/health/);
    });

    it('is unhealthy when no server is named or found', () => {
      expect(runHealthcheck('nothing', ports)).toEqual({
        status: 1,
        stderr: 'unhealthy: no Houston server found (nothing)\n',
      });
    });
  });
});
