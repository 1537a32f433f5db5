import type { RetentionPolicy } from '../retention/retention-policy';
import { RetentionJob } from '../retention/retention.job';
import { operatorCalls, type AdminTestServer } from './admin-test-server';

const APP = 'archive';
const NS = `/apps/${APP}/clusters/default/namespaces/application`;
/** Batches of two rows, so every kind of row is deleted over several transactions. */
export const RETENTION_UNDER_TEST: RetentionPolicy = {
  keepReleases: 2,
  maxAgeMs: 24 * 60 * 60 * 1000,
  intervalMs: 60 * 60 * 1000,
  batchSize: 2,
};

/** The retention job's rules, run on every database. */
export function retentionSuite(open: (retention: RetentionPolicy) => Promise<AdminTestServer>): void {
  let server: AdminTestServer;
  const call = operatorCalls(() => server.url, 'editor');
  const count = async (table: string) =>
    Number(
      (
        (await server.database.dataSource.query(`SELECT COUNT(*) AS n FROM \`${table}\``)) as Array<{
          n: unknown;
        }>
      )[0]!.n,
    );
  const releases: number[] = [];

  beforeAll(async () => {
    server = await open(RETENTION_UNDER_TEST);
    expect((await call('POST', '/apps', { appId: APP, name: 'Archive' })).status).toBe(201);
    for (let i = 1; i <= 6; i++) {
      expect((await call('PUT', `${NS}/items/limit?createIfNotExists=true`, { value: `${i}` })).status).toBe(
        200,
      );
      const release = await call('POST', `${NS}/releases`, { releaseTitle: `r${i}` });
      expect(release.status).toBe(201);
      releases.push(release.body.id as number);
    }
  }, 60_000);
  afterAll(async () => server?.close());

  it('keeps the newest releases, the active one and a gray branch base; deletes the others', async () => {
    const [r1, r2, r3, r4, r5, r6] = releases as [number, number, number, number, number, number];
    // Roll back to r2: r3..r6 are abandoned and r2 is what clients get.
    const rollback = await call('PUT', `/releases/${r6}/rollback?operator=editor&toReleaseId=${r2}`);
    expect(rollback.status).toBe(200);
    const branch = await call('POST', `${NS}/branches`, {});
    expect(branch.status).toBe(201);
    // A branch keeps its base until the next main release; point it at an old one.
    await server.database.dataSource.query('UPDATE `gray_release_rule` SET `base_release_id` = ?', [r3]);

    const report = await server.app.get(RetentionJob).runOnce();

    expect(report.releases).toBe(2);
    const kept = await Promise.all(releases.map(async (id) => (await call('GET', `/releases/${id}`)).status));
    expect(Object.fromEntries(releases.map((id, i) => [id, kept[i]]))).toEqual({
      [r1]: 404,
      [r2]: 200, // active
      [r3]: 200, // gray base
      [r4]: 404,
      [r5]: 200, // newest two
      [r6]: 200,
    });
    expect((await call('GET', `${NS}/releases/latest`)).body.id).toBe(r2);
    expect((await server.app.get(RetentionJob).runOnce()).releases).toBe(0);
  });

  it('deletes old histories, commits and audit rows, but never a namespace revision', async () => {
    const revision = (await call('GET', NS)).body.revision as number;
    const namespacesWithCommits = new Set(
      (
        (await server.database.dataSource.query(
          'SELECT `app_id` AS a, `cluster_name` AS c, `namespace_name` AS n FROM `commit`',
        )) as Array<{ a: string; c: string; n: string }>
      ).map((row) => `${row.a}/${row.c}/${row.n}`),
    );
    expect(await count('commit')).toBeGreaterThan(namespacesWithCommits.size);
    const longAgo = '2020-01-01 00:00:00';
    for (const table of ['commit', 'audit', 'release_history']) {
      await server.database.dataSource.query(`UPDATE \`${table}\` SET \`created_at\` = ?`, [longAgo]);
    }

    const report = await server.app.get(RetentionJob).runOnce();

    expect(report.audits).toBeGreaterThan(RETENTION_UNDER_TEST.batchSize);
    expect(await count('audit')).toBe(0);
    expect(await count('release_history')).toBe(0);
    expect(await count('commit')).toBe(namespacesWithCommits.size);
    expect((await call('GET', NS)).body.revision).toBe(revision);
    // Fresh rows stay; the old commit that was the revision goes once a newer one replaces it.
    expect((await call('PUT', `${NS}/items/limit`, { value: 'fresh' })).status).toBe(200);
    expect(await server.app.get(RetentionJob).runOnce()).toEqual({
      releases: 0,
      releaseHistories: 0,
      commits: 1,
      audits: 0,
      webhookDeliveries: 0,
    });
    expect(await count('commit')).toBe(namespacesWithCommits.size);
    expect(await count('audit')).toBe(1);
  });
  it('deletes old notification deliveries once delivered or failed, never one still to be sent', async () => {
    const repos = server.database.repos;
    const row = {
      webhookId: 1,
      appId: 'retained',
      namespaceName: 'application',
      event: 'release',
      payload: '{}',
    };
    await repos.webhookDeliveries.insert([
      { ...row, nextAttemptAt: 0 },
      { ...row, nextAttemptAt: 0 },
      { ...row, nextAttemptAt: Date.now() + 3_600_000 },
    ]);
    const [first, second] = await repos.webhookDeliveries.listDue(Date.now(), 2);
    const settle = async (delivery: typeof first, status: 'delivered' | 'failed') => {
      const claimed = await repos.webhookDeliveries.claim(
        delivery!,
        `t-${delivery!.id}`,
        Date.now() + 60_000,
      );
      await repos.webhookDeliveries.settle(claimed!.id, claimed!.leaseToken, {
        status,
        lastStatus: 0,
        lastError: '',
        lastAttemptAt: Date.now(),
      });
    };
    await settle(first, 'delivered');
    await settle(second, 'failed');
    await server.database.dataSource.query('UPDATE `webhook_delivery` SET `created_at` = ?', [
      '2020-01-01 00:00:00',
    ]);

    expect((await server.app.get(RetentionJob).runOnce()).webhookDeliveries).toBe(2);
    expect((await repos.webhookDeliveries.list('retained', {}, 10)).map((d) => d.status)).toEqual([
      'pending',
    ]);
  });
}
