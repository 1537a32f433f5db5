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
/** Polls (no fixed sleeps) until `condition` holds; the suite's timeout bounds it. */
async function eventually(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

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

      // Consul answers the meta-server's held blocking query as soon as the check turns critical.
      consul.markCritical(configService.ID);
      await eventually(async () => {
        const after = await call(houston.configUrl, 'GET', '/services/config');
        return Array.isArray(after.body) && after.body.length === 0;
      });

      // While the agent is unreachable the meta-server answers the last list it read.
      consul.setCheckStatus(configService.ID, 'passing');
      await eventually(async () => {
        const after = await call(houston.configUrl, 'GET', '/services/config');
        return Array.isArray(after.body) && after.body.length === 1;
      });
      consul.setOutage('unreachable');
      const duringOutage = await call(houston.configUrl, 'GET', '/services/config');
      expect(duringOutage.status).toBe(200);
      expect(duringOutage.body).toEqual([
        expect.objectContaining({ appName: 'houston-configservice', homepageUrl: `${houston.configUrl}/` }),
      ]);
      consul.setOutage(false);
      expect(consul.violations).toEqual([]);
    } finally {
      await houston.close();
    }
    expect(consul.registered()).toEqual([]);
  });
});
