import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeConsulServer } from '@houston/discovery/testing';
import { startAllInOne } from './all-in-one';
import { call } from './test-support/http-client';
import { TEST_ALL_IN_ONE } from './test-support/start-houston';

/**
 * HOUSTON_DISCOVERY=consul end to end: the servers register with the agent (which speaks the
 * recorded Consul HTTP contract), the meta-server API lists passing instances, and shutdown
 * deregisters. No Consul server can run here; see libs/discovery's README.
 */
describe('Consul discovery', () => {
  let dir: string;
  let consul: FakeConsulServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'houston-consul-'));
    consul = await FakeConsulServer.start({ token: 'test-token' });
  });
  afterAll(async () => {
    await consul?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers every server with a health check, lists passing ones, and deregisters on shutdown', async () => {
    const houston = await startAllInOne({
      HOUSTON_DB_URL: `sqlite:${join(dir, 'houston.sqlite')}`,
      HOUSTON_CONFIG_PORT: '0',
      HOUSTON_ADMIN_PORT: '0',
      ...TEST_ALL_IN_ONE,
      HOUSTON_LOG_LEVEL: 'error',
      HOUSTON_DISCOVERY: 'consul',
      HOUSTON_CONSUL_URL: consul.url,
      HOUSTON_CONSUL_TOKEN: 'test-token',
    });
    try {
      const names = consul
        .registered()
        .map((service) => service.Service)
        .sort();
      expect(names).toEqual(['houston-adminservice', 'houston-configservice', 'houston-metaserver']);
      const configService = consul
        .registered()
        .find((service) => service.Service === 'houston-configservice')!;
      expect(configService.check.HTTP).toBe(`${houston.configUrl}/health`);

      const listed = await call(houston.configUrl, 'GET', '/services/config');
      expect(listed.body).toEqual([
        expect.objectContaining({ appName: 'houston-configservice', homepageUrl: `${houston.configUrl}/` }),
      ]);

      consul.markCritical(configService.ID);
      expect((await call(houston.configUrl, 'GET', '/services/config')).body).toEqual([]);
      expect(consul.violations).toEqual([]);
    } finally {
      await houston.close();
    }
    expect(consul.registered()).toEqual([]);
  });
});
