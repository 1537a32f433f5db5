import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAllInOne } from './all-in-one';
import { call } from './test-support/http-client';
import { TEST_ALL_IN_ONE } from './test-support/start-houston';

/**
 * HOUSTON_DISCOVERY=kubernetes end to end: the meta-server API answers with the configured Service
 * URLs, whatever address the process itself listens on, and a bad URL stops start-up.
 */
describe('Kubernetes discovery', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'houston-k8s-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const env = (overrides: Record<string, string>) => ({
    HOUSTON_DB_URL: `sqlite:${join(dir, 'houston.sqlite')}`,
    HOUSTON_CONFIG_PORT: '0',
    HOUSTON_ADMIN_PORT: '0',
    ...TEST_ALL_IN_ONE,
    HOUSTON_LOG_LEVEL: 'error',
    HOUSTON_DISCOVERY: 'kubernetes',
    ...overrides,
  });

  it('answers /services/config and /services/admin with the Service URLs', async () => {
    const houston = await startAllInOne(
      env({
        HOUSTON_CONFIG_SERVICE_URL: 'http://houston-config.houston.svc.cluster.local:8080',
        HOUSTON_ADMIN_SERVICE_URL: 'http://houston-admin.houston.svc.cluster.local:8090',
      }),
    );
    try {
      const config = await call(houston.configUrl, 'GET', '/services/config');
      expect(config.status).toBe(200);
      expect(config.body).toEqual([
        {
          appName: 'houston-configservice',
          instanceId: 'http://houston-config.houston.svc.cluster.local:8080/',
          homepageUrl: 'http://houston-config.houston.svc.cluster.local:8080/',
        },
      ]);
      const admin = await call(houston.configUrl, 'GET', '/services/admin');
      expect(admin.body).toEqual([
        {
          appName: 'houston-adminservice',
          instanceId: 'http://houston-admin.houston.svc.cluster.local:8090/',
          homepageUrl: 'http://houston-admin.houston.svc.cluster.local:8090/',
        },
      ]);
    } finally {
      await houston.close();
    }
  });

  it('defaults to the Service names of deploy/ in the same namespace', async () => {
    const houston = await startAllInOne(env({}));
    try {
      const config = await call(houston.configUrl, 'GET', '/services/config');
      expect(config.body).toEqual([expect.objectContaining({ homepageUrl: 'http://houston-config:8080/' })]);
    } finally {
      await houston.close();
    }
  });

  it('refuses to start with a Service URL that is not http(s)', async () => {
    await expect(startAllInOne(env({ HOUSTON_CONFIG_SERVICE_URL: 'houston-config:8080' }))).rejects.toThrow(
      /HOUSTON_CONFIG_SERVICE_URL/,
    );
  });
});
