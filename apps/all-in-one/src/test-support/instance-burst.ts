import { InstanceTracker } from '@houston/config-service';
import type { RunningHouston } from '../all-in-one';
import { call } from './http-client';

const APP = 'fleet';
const NS = `/apps/${APP}/clusters/default/namespaces/application`;

/**
 * The instance tracker under a burst, and the admin questions after a release. Shared by the
 * SQLite suite and the MariaDB/Redis one: the answers must not depend on the store.
 */
export function clientInstanceSuite(start: () => Promise<RunningHouston>): void {
  let houston: RunningHouston;
  const admin = (method: string, path: string, body?: unknown) =>
    call(houston.adminUrl, method, path, body, { 'x-operator': 'ops' });
  const tracker = () => houston.servers[0]!.app.get(InstanceTracker);
  const read = (ip: string) => call(houston.configUrl, 'GET', `/configs/${APP}/default/application?ip=${ip}`);
  const ips = Array.from({ length: 300 }, (_, i) => `10.1.${i >> 8}.${i & 255}`);

  beforeAll(async () => {
    houston = await start();
    await admin('POST', '/apps', { appId: APP, name: 'Fleet' });
    await admin('POST', `${NS}/items`, { key: 'k', value: 'v1' });
    await admin('POST', `${NS}/releases`, { releaseTitle: 'v1' });
  }, 60_000);
  afterAll(async () => houston?.close());

  it('turns a burst of reads into one batch with one row per client', async () => {
    const before = { ...tracker().stats };
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < ips.length; i += 100) await Promise.all(ips.slice(i, i + 100).map(read));
    }
    await tracker().flush();
    const after = tracker().stats;
    expect(after.sightings - before.sightings).toBe(900);
    expect(after.flushes - before.flushes).toBeLessThanOrEqual(2);
    expect(after.written - before.written).toBe(300);
    const listed = await admin('GET', `${NS}/instances?size=500`);
    expect(listed.body.total).toBe(300);
    expect(listed.body.content[0]).toMatchObject({
      appId: APP,
      clusterName: 'default',
      config: { releaseKey: expect.any(String) },
    });
  });

  it('answers who is not on the latest release, and who holds a given one', async () => {
    await admin('PUT', `${NS}/items/k`, { value: 'v2' });
    const release = await admin('POST', `${NS}/releases`, { releaseTitle: 'v2' });
    await Promise.all(ips.slice(0, 120).map(read));
    await tracker().flush();
    const behind = await admin('GET', `${NS}/instances/not-on-latest-release?size=50`);
    expect(behind.body.total).toBe(180);
    expect(behind.body.content).toHaveLength(50);
    const onLatest = await admin('GET', `/releases/${release.body.id}/instances?size=500`);
    expect(onLatest.body.total).toBe(120);
    expect(new Set(onLatest.body.content.map((i: { ip: string }) => i.ip))).toEqual(
      new Set(ips.slice(0, 120)),
    );
  });

  it('records the label of a /configs read: two labels on one host are two instances', async () => {
    const host = '10.2.0.1';
    const tooLong = 'x'.repeat(65);
    for (const label of ['blue', 'green', tooLong]) {
      const answer = await call(
        houston.configUrl,
        'GET',
        `/configs/${APP}/default/application?ip=${host}&label=${label}`,
      );
      expect(answer.status).toBe(200);
    }
    await tracker().flush();
    const listed = await admin('GET', `${NS}/instances?size=500`);
    const onHost = (listed.body.content as Array<{ ip: string; label: string }>).filter((i) => i.ip === host);
    // A label longer than a rule may name is not recorded, rather than recorded cut short.
    expect(onHost.map((i) => i.label).sort()).toEqual(['', 'blue', 'green']);
    const unlabelled = (listed.body.content as Array<{ ip: string; label: string }>).find(
      (i) => i.ip === ips[0],
    );
    expect(unlabelled?.label).toBe('');
  });
}
