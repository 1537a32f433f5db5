import { randomBytes } from 'node:crypto';
import { PortalClient } from './test-support/portal-client';
import { startPortalTestServer, TEST_ADMIN, type PortalTestServer } from './test-support/portal-test-server';
import { startTwoEnvironments, type TwoEnvironments } from './test-support/two-environments';

// Two environments start as processes of their own: slow on a busy machine.
jest.setTimeout(180_000);

const DEV_NS = '/api/envs/DEV/apps/shop/clusters/default/namespaces/application';
const PRO_NS = '/api/envs/PRO/apps/shop/clusters/default/namespaces/application';
const password = (name: string) => `${name}-long-password`;
const SECRET = 'pro-secret-value-1';

/**
 * The review flow over HTTP with two environments: PRO needs review (and allows emergency
 * publish), DEV does not unless the app says so; both admin-services refuse a release by someone
 * who edited the namespace (HOUSTON_EDITOR_CANNOT_RELEASE), so that rule is met by real people.
 */
describe('portal review flow, two environments', () => {
  let environments: TwoEnvironments;
  let portal: PortalTestServer;
  const as: Record<string, PortalClient> = {};
  /**
   * Run once, when set, just before the portal sends an approval's publish to an admin-service:
   * whatever it does lands between the approval's check and its publish, every time.
   */
  let beforeApprovalPublish: (() => Promise<void>) | undefined;
  const portalFetch: typeof fetch = async (input, init) => {
    const hook = beforeApprovalPublish;
    const isApprovalPublish =
      init?.method === 'POST' &&
      /\/releases$/.test(String(input)) &&
      String(init.body ?? '').includes('[review #');
    if (hook && isApprovalPublish) {
      beforeApprovalPublish = undefined;
      await hook();
    }
    return fetch(input, init);
  };

  beforeAll(async () => {
    environments = await startTwoEnvironments({
      HOUSTON_EDITOR_CANNOT_RELEASE: 'true',
      HOUSTON_SECRET_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    });
    portal = await startPortalTestServer(
      {
        HOUSTON_PORTAL_ENVS: environments.portalEnvs,
        HOUSTON_PORTAL_ENV_TIMEOUT: '2s',
        HOUSTON_PORTAL_MEMBER_ONLY_ENVS: 'PRO',
        HOUSTON_PORTAL_REVIEW_ENVS: 'pro',
        HOUSTON_PORTAL_EMERGENCY_PUBLISH_ENVS: 'PRO',
      },
      { fetchImpl: portalFetch },
    );
    as['admin'] = await PortalClient.signedIn(portal.url, TEST_ADMIN.username, TEST_ADMIN.password);
    for (const name of ['alice', 'ed', 'rel', 'rel2', 'both', 'nobody']) {
      expect(
        (await as['admin'].post('/api/users', { username: name, password: password(name) })).status,
      ).toBe(201);
      as[name] = await PortalClient.signedIn(portal.url, name, password(name));
    }
    for (const env of ['DEV', 'PRO']) {
      const created = await as['admin'].post(`/api/envs/${env}/apps`, {
        appId: 'shop',
        name: 'Shop',
        ownerName: 'alice',
      });
      expect(created.status).toBe(201);
    }
    const grant = (body: object) => as['alice']!.post('/api/apps/shop/roles', body);
    for (const [username, role] of [
      ['ed', 'ModifyNamespace'],
      ['both', 'ModifyNamespace'],
      ['rel', 'ReleaseNamespace'],
      ['rel2', 'ReleaseNamespace'],
      ['both', 'ReleaseNamespace'],
    ]) {
      expect((await grant({ username, role, namespace: 'application' })).status).toBe(201);
    }
  });
  afterAll(async () => {
    await portal?.close();
    await environments?.stop();
  });

  let first: { id: number };

  it("turns an editor's request into a pending review that shows the diff, values hidden from non-members", async () => {
    expect((await as['ed']!.post(`${PRO_NS}/items`, { key: 'password', value: SECRET })).status).toBe(201);
    expect((await as['ed']!.post(`${PRO_NS}/releases`, { releaseTitle: 'no' })).status).toBe(403);
    const asked = await as['ed']!.post(`${PRO_NS}/review-requests`, {
      releaseTitle: 'db password',
      releaseComment: 'rotate it',
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      status: 'PENDING',
      env: 'PRO',
      requestedBy: 'ed',
      baseReleaseId: 0,
      changes: { added: [{ key: 'password', value: SECRET }], modified: [], deleted: [] },
      valuesHidden: false,
    });
    first = asked.body;
    const seenByNobody = await as['nobody']!.get(`/api/review-requests/${first.id}`);
    expect(seenByNobody.status).toBe(200);
    expect(seenByNobody.body).toMatchObject({
      valuesHidden: true,
      changes: { added: [{ key: 'password' }] },
    });
    const list = await as['nobody']!.get('/api/review-requests?status=PENDING');
    expect(list.body.total).toBe(1);
    for (const answer of [seenByNobody, list]) expect(JSON.stringify(answer.body)).not.toContain(SECRET);
    expect((await as['rel']!.get(`/api/review-requests/${first.id}`)).body.changes.added[0].value).toBe(
      SECRET,
    );
  });

  it('counts pending requests for a badge: to review for releasers, mine for the requester', async () => {
    expect((await as['rel']!.get('/api/review-requests/badge')).body).toEqual({ toReview: 1, mine: 0 });
    expect((await as['ed']!.get('/api/review-requests/badge?appId=shop')).body).toEqual({
      toReview: 0,
      mine: 1,
    });
    expect((await as['nobody']!.get('/api/review-requests/badge')).body).toEqual({ toReview: 0, mine: 0 });
    expect((await as['rel']!.get('/api/review-requests?reviewable=true')).body.content).toHaveLength(1);
    expect((await as['rel']!.get('/api/review-requests/badge?appId=other')).body).toEqual({
      toReview: 0,
      mine: 0,
    });
  });

  it("makes a releaser's release a request (202) that they may not approve themselves", async () => {
    const released = await as['rel']!.post(`${PRO_NS}/releases`, { releaseTitle: 'by rel' });
    expect(released.status).toBe(202);
    expect(released.body).toMatchObject({
      reviewRequired: true,
      reviewRequest: { status: 'PENDING', requestedBy: 'rel' },
    });
    const own = released.body.reviewRequest.id as number;
    const selfApproved = await as['rel']!.post(`${PRO_NS}/review-requests/${own}/approve`, {});
    expect(selfApproved.status).toBe(403);
    expect(
      (await as['rel']!.post(`${PRO_NS}/review-requests/${own}/reject`, { comment: 'mine' })).status,
    ).toBe(403);
    expect((await as['ed']!.post(`${PRO_NS}/review-requests/${first.id}/approve`, {})).status).toBe(403);
    expect((await as['nobody']!.get(`${PRO_NS}/releases/latest`)).status).toBe(403);
    expect((await as['rel']!.get(`${PRO_NS}/releases/latest`)).status).toBe(404);
  });

  it('publishes on approval by another releaser, recording both; the other request on the old state goes stale', async () => {
    const approved = await as['rel2']!.post(`${PRO_NS}/review-requests/${first.id}/approve`, {
      comment: 'ok',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'PUBLISHED', reviewedBy: 'rel2', reviewComment: 'ok' });
    expect(approved.body.releaseId).toBeGreaterThan(0);
    const latest = await as['rel']!.get(`${PRO_NS}/releases/latest`);
    expect(latest.body).toMatchObject({
      id: approved.body.releaseId,
      name: 'db password',
      dataChangeCreatedBy: 'rel2',
      configurations: { password: SECRET },
    });
    expect(latest.body.comment).toBe(`rotate it [review #${first.id}: requested by ed, approved by rel2]`);
    expect((await as['rel2']!.post(`${PRO_NS}/review-requests/${first.id}/approve`, {})).status).toBe(409);

    const pending = (await as['rel2']!.get('/api/review-requests?status=PENDING')).body.content;
    expect(pending).toHaveLength(1);
    const stale = await as['rel2']!.post(`${PRO_NS}/review-requests/${pending[0].id}/approve`, {});
    expect(stale.status).toBe(409);
    expect(stale.body.details).toMatchObject({ status: 'STALE' });
    expect((await as['rel2']!.get(`/api/review-requests/${pending[0].id}`)).body.status).toBe('STALE');
  });

  it('refuses a request made stale by a later edit, and keeps rejected ones rejected', async () => {
    expect((await as['ed']!.put(`${PRO_NS}/items/password`, { value: 'second-secret' })).status).toBe(200);
    const asked = await as['ed']!.post(`${PRO_NS}/review-requests`, { releaseTitle: 'second' });
    expect(asked.status).toBe(201);
    expect(asked.body.changes.modified).toEqual([
      { key: 'password', oldValue: SECRET, newValue: 'second-secret' },
    ]);
    expect((await as['ed']!.put(`${PRO_NS}/items/password`, { value: 'third-secret' })).status).toBe(200);
    expect((await as['rel']!.post(`${PRO_NS}/review-requests/${asked.body.id}/approve`, {})).status).toBe(
      409,
    );

    const again = await as['ed']!.post(`${PRO_NS}/review-requests`, {});
    expect((await as['rel']!.post(`${PRO_NS}/review-requests/${again.body.id}/reject`, {})).status).toBe(400);
    const rejected = await as['rel']!.post(`${PRO_NS}/review-requests/${again.body.id}/reject`, {
      comment: 'not on a Friday',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      status: 'REJECTED',
      reviewedBy: 'rel',
      reviewComment: 'not on a Friday',
    });
    expect((await as['rel2']!.post(`${PRO_NS}/review-requests/${again.body.id}/approve`, {})).status).toBe(
      409,
    );
    const byEd = await as['nobody']!.get('/api/review-requests?requestedBy=ED&env=pro&appId=shop');
    expect(byEd.body.content.map((r: { status: string }) => r.status)).toEqual([
      'REJECTED',
      'STALE',
      'PUBLISHED',
    ]);
  });

  it('keeps editor and publisher apart: an approver who edited the namespace is refused, the request stays pending', async () => {
    expect((await as['both']!.put(`${PRO_NS}/items/password`, { value: 'fourth-secret' })).status).toBe(200);
    const asked = await as['ed']!.post(`${PRO_NS}/review-requests`, {});
    expect(asked.status).toBe(201);
    const refused = await as['both']!.post(`${PRO_NS}/review-requests/${asked.body.id}/approve`, {});
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('both changed this namespace');
    expect((await as['rel']!.get(`/api/review-requests/${asked.body.id}`)).body.status).toBe('PENDING');
    expect((await as['rel']!.post(`${PRO_NS}/review-requests/${asked.body.id}/approve`, {})).status).toBe(
      200,
    );
  });

  it('lets a request be approved again when a publish claim was abandoned, not while one is under way', async () => {
    expect((await as['ed']!.put(`${PRO_NS}/items/password`, { value: 'claimed' })).status).toBe(200);
    const asked = await as['ed']!.post(`${PRO_NS}/review-requests`, {});
    expect(asked.status).toBe(201);
    const claim = (at: number) =>
      portal.database.manager.query(
        "UPDATE portal_review_request SET status = 'PUBLISHING', reviewed_at = ? WHERE id = ?",
        [at, asked.body.id],
      );
    await claim(Date.now());
    expect((await as['rel']!.post(`${PRO_NS}/review-requests/${asked.body.id}/approve`, {})).status).toBe(
      409,
    );
    await claim(Date.now() - 10 * 60_000);
    const approved = await as['rel']!.post(`${PRO_NS}/review-requests/${asked.body.id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('PUBLISHED');
  });

  it('refuses a request of another namespace on this path (404)', async () => {
    expect((await as['admin']!.post('/api/envs/PRO/apps/shop/appnamespaces', { name: 'db' })).status).toBe(
      201,
    );
    const dbNs = '/api/envs/PRO/apps/shop/clusters/default/namespaces/db';
    expect((await as['admin']!.post(`${dbNs}/items`, { key: 'a', value: 'b' })).status).toBe(201);
    const asked = await as['admin']!.post(`${dbNs}/review-requests`, {});
    expect(asked.status).toBe(201);
    expect((await as['rel']!.post(`${PRO_NS}/review-requests/${asked.body.id}/approve`, {})).status).toBe(
      404,
    );
    expect((await as['rel']!.post(`${PRO_NS}/review-requests`, {})).status).toBe(409);
  });

  it('lets a releaser publish without review where emergency publish is allowed, and nowhere else', async () => {
    expect((await as['ed']!.put(`${PRO_NS}/items/password`, { value: 'emergency' })).status).toBe(200);
    const emergency = await as['rel']!.post(`${PRO_NS}/releases`, {
      releaseTitle: 'now',
      isEmergencyPublish: true,
    });
    expect(emergency.status).toBe(201);
    expect(emergency.body.dataChangeCreatedBy).toBe('rel');
    expect((await as['ed']!.post(`${PRO_NS}/releases`, { isEmergencyPublish: true })).status).toBe(403);
    expect((await as['ed']!.post(`${DEV_NS}/items`, { key: 'k', value: 'v' })).status).toBe(201);
    const devEmergency = await as['rel']!.post(`${DEV_NS}/releases`, { isEmergencyPublish: true });
    expect(devEmergency.status).toBe(403);
    expect(devEmergency.body.message).toContain('emergency publish is not allowed in DEV');
  });

  it("follows an app's own review choice per environment (app master)", async () => {
    const policy = '/api/envs/DEV/apps/shop/review-policy';
    expect((await as['nobody']!.get(policy)).body).toMatchObject({ required: false, appChoice: null });
    expect((await as['rel']!.put(policy, { required: true })).status).toBe(403);
    expect((await as['alice']!.put(policy, { required: 'yes' })).status).toBe(400);
    const on = await as['alice']!.put(policy, { required: true });
    expect(on.body).toMatchObject({ env: 'DEV', required: true, appChoice: true, environmentDefault: false });
    expect((await as['rel']!.post(`${DEV_NS}/releases`, {})).status).toBe(202);
    expect((await as['alice']!.put(policy, { required: null })).body).toMatchObject({ required: false });
    expect((await as['rel']!.post(`${DEV_NS}/releases`, {})).status).toBe(201);
    const off = await as['alice']!.put('/api/envs/PRO/apps/shop/review-policy', { required: false });
    expect(off.body).toMatchObject({ required: false, environmentDefault: true });
    expect((await as['ed']!.put(`${PRO_NS}/items/password`, { value: 'no review' })).status).toBe(200);
    expect((await as['rel']!.post(`${PRO_NS}/releases`, {})).status).toBe(201);
  });

  it('audits who changed what with before and after, filtered and paged, values hidden from non-members', async () => {
    const item = 'item shop/default/application password';
    const rows = await as['admin']!.get(`/api/audit?env=PRO&entity=${encodeURIComponent(item)}&size=500`);
    expect(rows.status).toBe(200);
    const oldestFirst = [...rows.body.content].reverse();
    expect(oldestFirst[0]).toMatchObject({
      username: 'ed',
      env: 'PRO',
      appId: 'shop',
      entity: item,
      action: 'create',
      status: 201,
      before: null,
      after: { key: 'password', value: SECRET },
    });
    expect(oldestFirst[1]).toMatchObject({
      action: 'update',
      before: { value: SECRET },
      after: { value: 'second-secret' },
    });
    const approvals = await as['admin']!.get('/api/audit?action=approve&env=PRO&size=1');
    expect(approvals.body.total).toBeGreaterThanOrEqual(2);
    expect(approvals.body.content).toHaveLength(1);
    const firstApproval = (await as['admin']!.get(`/api/audit?action=approve&username=rel2&size=50`)).body
      .content;
    expect(firstApproval.find((row: { status: number }) => row.status === 200)).toMatchObject({
      entity: 'release shop/default/application',
      before: null,
      after: { name: 'db password', configurations: { password: SECRET } },
    });
    expect((await as['admin']!.get('/api/audit?entity=item%20shop%25')).body.total).toBe(0);
    expect((await as['admin']!.get(`/api/audit?from=${Date.now() + 60_000}`)).body.total).toBe(0);

    const hidden = await as['nobody']!.get('/api/apps/shop/audit?env=PRO&size=500');
    expect(hidden.status).toBe(200);
    expect(hidden.body.content.length).toBeGreaterThan(5);
    expect(hidden.body.content.every((row: { valuesHidden: boolean }) => row.valuesHidden)).toBe(true);
    expect(JSON.stringify(hidden.body)).not.toMatch(
      /pro-secret-value|second-secret|third-secret|fourth-secret/,
    );
    const member = await as['ed']!.get('/api/apps/shop/audit?env=PRO&size=500');
    expect(JSON.stringify(member.body)).toContain(SECRET);
    const dev = await as['nobody']!.get('/api/apps/shop/audit?env=DEV&action=create');
    expect(dev.body.content[0]).toMatchObject({ valuesHidden: false, after: { key: 'k', value: 'v' } });
  });
  it('makes a request stale, and publishes nothing, when an edit lands between the approval check and the publish', async () => {
    expect((await as['ed']!.put(`${PRO_NS}/items/password`, { value: 'reviewed-value' })).status).toBe(200);
    const asked = await as['ed']!.post(`${PRO_NS}/review-requests`, {});
    expect(asked.status).toBe(201);
    const before = (await as['rel']!.get(`${PRO_NS}/releases/latest`)).body.id as number;
    let slippedIn = 0;
    beforeApprovalPublish = async () => {
      slippedIn = (await as['ed']!.put(`${PRO_NS}/items/password`, { value: 'slipped-in' })).status;
    };
    const approved = await as['rel']!.post(`${PRO_NS}/review-requests/${asked.body.id}/approve`, {});
    expect(slippedIn).toBe(200);
    expect(approved.status).toBe(409);
    expect(approved.body.details).toMatchObject({ status: 'STALE', requestedBaseReleaseId: before });
    expect((await as['rel']!.get(`/api/review-requests/${asked.body.id}`)).body).toMatchObject({
      status: 'STALE',
      reviewedBy: 'rel',
    });
    const latest = await as['rel']!.get(`${PRO_NS}/releases/latest`);
    expect(latest.body.id).toBe(before);
    expect(latest.body.configurations.password).not.toBe('slipped-in');
  });

  it('makes a request stale when a secret got another value, which the masked diff cannot show', async () => {
    const key = await as['alice']!.post('/api/envs/PRO/apps/shop/accesskeys', {});
    expect(key.status).toBe(201);
    expect(
      (await as['alice']!.put(`/api/envs/PRO/apps/shop/accesskeys/${key.body.id}/enable`, {})).status,
    ).toBe(200);
    expect(
      (await as['ed']!.post(`${PRO_NS}/items`, { key: 'token', value: 'reviewed-token', secret: true }))
        .status,
    ).toBe(201);
    const asked = await as['ed']!.post(`${PRO_NS}/review-requests`, {});
    expect(asked.status).toBe(201);
    expect(asked.body.changes.added).toEqual([{ key: 'token', value: '******' }]);
    expect((await as['ed']!.put(`${PRO_NS}/items/token`, { value: 'swapped-token' })).status).toBe(200);
    const unchangedDiff = await as['rel']!.get(`/api/review-requests/${asked.body.id}`);
    expect(unchangedDiff.body.changes.added).toEqual([{ key: 'token', value: '******' }]);
    const approved = await as['rel']!.post(`${PRO_NS}/review-requests/${asked.body.id}/approve`, {});
    expect(approved.status).toBe(409);
    expect(approved.body.details).toMatchObject({ status: 'STALE' });
    expect((await as['rel']!.get(`${PRO_NS}/releases/latest`)).body.configurations).not.toHaveProperty(
      'token',
    );
  });

  it('lets the requester withdraw a pending request, nobody else; a withdrawn request is neither approved nor rejected', async () => {
    const asked = await as['ed']!.post(`${PRO_NS}/review-requests`, { releaseTitle: 'maybe' });
    expect(asked.status).toBe(201);
    const mine = (await as['ed']!.get('/api/review-requests/badge')).body.mine as number;
    const path = `${PRO_NS}/review-requests/${asked.body.id}`;
    const byOther = await as['rel']!.post(`${path}/withdraw`, {});
    expect(byOther.status).toBe(403);
    expect(byOther.body.message).toContain('only ed');
    expect((await as['nobody']!.post(`${path}/withdraw`, {})).status).toBe(403);
    expect((await as['ed']!.post(`${path}/withdraw`, { comment: 'x'.repeat(257) })).status).toBe(400);
    expect((await as['ed']!.post(`${DEV_NS}/review-requests/${asked.body.id}/withdraw`, {})).status).toBe(
      404,
    );
    expect((await as['rel']!.get(`/api/review-requests/${asked.body.id}`)).body.status).toBe('PENDING');

    const withdrawn = await as['ed']!.post(`${path}/withdraw`, { comment: 'not yet' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({
      id: asked.body.id,
      status: 'WITHDRAWN',
      requestedBy: 'ed',
      reviewedBy: 'ed',
      reviewComment: 'not yet',
    });
    expect(withdrawn.body.reviewedAt).not.toBeNull();
    expect((await as['ed']!.get('/api/review-requests/badge')).body.mine).toBe(mine - 1);

    const again = await as['ed']!.post(`${path}/withdraw`, {});
    expect(again.status).toBe(409);
    expect(again.body.details).toMatchObject({ status: 'WITHDRAWN' });
    const approve = await as['rel']!.post(`${path}/approve`, {});
    expect(approve.status).toBe(409);
    expect(approve.body.details).toMatchObject({ status: 'WITHDRAWN' });
    expect((await as['rel']!.post(`${path}/reject`, { comment: 'no' })).status).toBe(409);
    expect((await as['rel']!.get(`/api/review-requests/${asked.body.id}`)).body.status).toBe('WITHDRAWN');
    const listed = await as['rel']!.get('/api/review-requests?status=WITHDRAWN');
    expect(listed.body.content.map((row: { id: number }) => row.id)).toEqual([asked.body.id]);

    const audit = await as['admin']!.get('/api/audit?action=withdraw&username=ed');
    expect(audit.body.content.map((row: { status: number }) => row.status)).toEqual([409, 200, 404, 400]);
    expect(audit.body.content[1]).toMatchObject({
      env: 'PRO',
      appId: 'shop',
      after: { status: 'WITHDRAWN' },
    });
  });
});
