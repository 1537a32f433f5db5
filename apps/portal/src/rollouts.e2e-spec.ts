import type { PortalClient } from './test-support/portal-client';
import { startTwoEnvironmentPortal, type TwoEnvironmentPortal } from './test-support/two-environment-portal';

// Two environments start as processes of their own: slow on a busy machine.
jest.setTimeout(180_000);

const DEV_NS = '/api/envs/DEV/apps/shop/clusters/default/namespaces/application';
const PRO_NS = '/api/envs/PRO/apps/shop/clusters/default/namespaces/application';
const PLAN = { steps: [{ percentage: 10, bakeTime: '1h' }, { percentage: 100 }] };

/**
 * Rollouts through the portal: DEV releases without review, PRO needs review (and allows no
 * emergency publish), so a rollout starts in DEV only.
 */
describe('portal rollouts, two environments', () => {
  let fixture: TwoEnvironmentPortal;
  let as: Record<string, PortalClient> = {};

  beforeAll(async () => {
    fixture = await startTwoEnvironmentPortal({
      portal: { HOUSTON_PORTAL_ENV_TIMEOUT: '2s', HOUSTON_PORTAL_REVIEW_ENVS: 'PRO' },
      users: ['alice', 'ed', 'rel'],
      apps: [{ appId: 'shop', name: 'Shop', ownerName: 'alice' }],
    });
    as = fixture.as;
    const grant = (body: object) => as['alice']!.post('/api/apps/shop/roles', body);
    for (const [username, role] of [
      ['ed', 'ModifyNamespace'],
      ['rel', 'ReleaseNamespace'],
    ]) {
      expect((await grant({ username, role, namespace: 'application' })).status).toBe(201);
    }
    expect((await as['ed']!.post(`${DEV_NS}/items`, { key: 'timeout', value: '100' })).status).toBe(201);
    expect((await as['rel']!.post(`${DEV_NS}/releases`, { releaseTitle: 'v1' })).status).toBe(201);
    expect((await as['ed']!.put(`${DEV_NS}/items/timeout`, { value: '200' })).status).toBe(200);
  });
  afterAll(() => fixture?.stop());

  it('refuses to start or move a rollout for a user without release permission (403)', async () => {
    const before = (await as['ed']!.get(`${DEV_NS}/rollouts`)).body;
    const started = await as['ed']!.post(`${DEV_NS}/rollouts`, PLAN);
    expect(started.status).toBe(403);
    expect(started.body.code).toBe('FORBIDDEN');
    expect((await as['ed']!.get(`${DEV_NS}/rollouts`)).body).toEqual(before);
  });

  it('starts a rollout for a releaser, who is its operator whatever the client claims, and advances it to 100 %: merged, the new value released to everyone', async () => {
    const started = await as['rel']!.request(
      'POST',
      `${DEV_NS}/rollouts`,
      { ...PLAN, releaseTitle: 'timeout 200', releasedBy: 'mallory' },
      { 'x-operator': 'mallory' },
    );
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: 'running', percentage: 10, createdBy: 'rel' });
    const rolloutId = started.body.id;
    const listed = await as['ed']!.get(`${DEV_NS}/rollouts`);
    expect(listed.status).toBe(200);
    expect(listed.body.map((r: { id: number }) => r.id)).toEqual([rolloutId]);
    expect((await as['ed']!.post(`${DEV_NS}/rollouts/${rolloutId}/advance`, {})).status).toBe(403);

    const advanced = await as['rel']!.post(`${DEV_NS}/rollouts/${rolloutId}/advance`, {
      reason: 'looks good',
      operator: 'mallory',
    });
    expect(advanced.status).toBe(200);
    expect(advanced.body).toMatchObject({ status: 'completed', percentage: 100 });
    expect(advanced.body.mergedReleaseId).toBeGreaterThan(0);
    const one = await as['ed']!.get(`${DEV_NS}/rollouts/${rolloutId}`);
    expect(one.status).toBe(200);
    const events = one.body.events as Array<{ kind: string; operator: string }>;
    expect(events.map((event) => event.kind)).toEqual(expect.arrayContaining(['started', 'completed']));
    expect(new Set(events.map((event) => event.operator))).toEqual(new Set(['rel']));
    const latest = await as['rel']!.get(`${DEV_NS}/releases/latest`);
    expect(latest.body.configurations).toMatchObject({ timeout: '200' });
    const audited = await as['admin']!.get(
      `/api/audit?env=DEV&entity=${encodeURIComponent(`rollout shop/default/application ${rolloutId}`)}`,
    );
    expect(audited.body.content[0]).toMatchObject({ username: 'rel', status: 200 });
  });

  it('refuses to start a rollout where releases need review (409), and starts none', async () => {
    expect((await as['ed']!.post(`${PRO_NS}/items`, { key: 'timeout', value: '300' })).status).toBe(201);
    const refused = await as['rel']!.post(`${PRO_NS}/rollouts`, PLAN);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'REVIEW_REQUIRED',
      details: { reviewRequired: true, env: 'PRO' },
    });
    const emergency = await as['rel']!.post(`${PRO_NS}/rollouts`, { ...PLAN, isEmergencyPublish: true });
    expect(emergency.status).toBe(403);
    expect((await as['rel']!.get(`${PRO_NS}/rollouts`)).body).toEqual([]);
  });
});
