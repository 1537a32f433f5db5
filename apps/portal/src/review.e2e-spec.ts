import { randomBytes } from 'node:crypto';
import type { PortalClient } from './test-support/portal-client';
import { startTwoEnvironmentPortal, type TwoEnvironmentPortal } from './test-support/two-environment-portal';

// Two environments start as processes of their own: slow on a busy machine.
jest.setTimeout(180_000);

const SECRET = 'pro-secret-value-1';

/**
 * The review flow over HTTP with two environments: PRO needs review (and allows emergency
 * publish), DEV does not unless the app says so; both admin-services refuse a release by someone
 * who edited the namespace (HOUSTON_EDITOR_CANNOT_RELEASE), so that rule is met by real people.
 * Each test works in an app of its own, so the tests hold in any order.
 */
describe('portal review flow, two environments', () => {
  let fixture: TwoEnvironmentPortal;
  let as: Record<string, PortalClient> = {};
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
    fixture = await startTwoEnvironmentPortal({
      houston: {
        HOUSTON_EDITOR_CANNOT_RELEASE: 'true',
        HOUSTON_SECRET_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      },
      portal: {
        HOUSTON_PORTAL_ENV_TIMEOUT: '2s',
        HOUSTON_PORTAL_MEMBER_ONLY_ENVS: 'PRO',
        HOUSTON_PORTAL_REVIEW_ENVS: 'pro',
        HOUSTON_PORTAL_EMERGENCY_PUBLISH_ENVS: 'PRO',
      },
      fetchImpl: portalFetch,
      users: ['alice', 'ed', 'rel', 'rel2', 'both', 'nobody'],
    });
    as = fixture.as;
  });
  afterAll(() => fixture?.stop());

  let apps = 0;
  /**
   * A fresh app in DEV and PRO, owned by alice, where ed edits, rel and rel2 release and both
   * does both: the namespace paths of its application namespace.
   */
  async function newApp() {
    const appId = `shop-${++apps}`;
    for (const env of ['DEV', 'PRO']) {
      const made = await as['admin']!.post(`/api/envs/${env}/apps`, {
        appId,
        name: appId,
        ownerName: 'alice',
      });
      expect(made.status).toBe(201);
    }
    for (const [username, role] of [
      ['ed', 'ModifyNamespace'],
      ['both', 'ModifyNamespace'],
      ['rel', 'ReleaseNamespace'],
      ['rel2', 'ReleaseNamespace'],
      ['both', 'ReleaseNamespace'],
    ]) {
      const granted = await as['alice']!.post(`/api/apps/${appId}/roles`, {
        username,
        role,
        namespace: 'application',
      });
      expect(granted.status).toBe(201);
    }
    const ns = (env: string) => `/api/envs/${env}/apps/${appId}/clusters/default/namespaces/application`;
    return { appId, DEV_NS: ns('DEV'), PRO_NS: ns('PRO') };
  }

  /** ed adds the password and asks for its review: the request, still pending. */
  async function askForPassword(PRO_NS: string) {
    expect((await as['ed']!.post(`${PRO_NS}/items`, { key: 'password', value: SECRET })).status).toBe(201);
    const asked = await as['ed']!.post(`${PRO_NS}/review-requests`, {
      releaseTitle: 'db password',
      releaseComment: 'rotate it',
    });
    expect(asked.status).toBe(201);
    return asked.body as { id: number };
  }

  /** The password asked for by ed and published on rel2's approval. */
  async function publishPassword(PRO_NS: string) {
    const asked = await askForPassword(PRO_NS);
    expect((await as['rel2']!.post(`${PRO_NS}/review-requests/${asked.id}/approve`, {})).status).toBe(200);
  }

  it("turns an editor's request into a pending review that shows the diff, values hidden from non-members", async () => {
    const { appId, PRO_NS } = await newApp();
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
    const first = asked.body;
    const seenByNobody = await as['nobody']!.get(`/api/review-requests/${first.id}`);
    expect(seenByNobody.status).toBe(200);
    expect(seenByNobody.body).toMatchObject({
      valuesHidden: true,
      changes: { added: [{ key: 'password' }] },
    });
    const list = await as['nobody']!.get(`/api/review-requests?status=PENDING&appId=${appId}`);
    expect(list.body.total).toBe(1);
    for (const answer of [seenByNobody, list]) expect(JSON.stringify(answer.body)).not.toContain(SECRET);
    expect((await as['rel']!.get(`/api/review-requests/${first.id}`)).body.changes.added[0].value).toBe(
      SECRET,
    );
  });

  it('counts pending requests for a badge: to review for releasers, mine for the requester', async () => {
    const { appId, PRO_NS } = await newApp();
    await askForPassword(PRO_NS);
    expect((await as['rel']!.get(`/api/review-requests/badge?appId=${appId}`)).body).toEqual({
      toReview: 1,
      mine: 0,
    });
    expect((await as['ed']!.get(`/api/review-requests/badge?appId=${appId}`)).body).toEqual({
      toReview: 0,
      mine: 1,
    });
    expect((await as['nobody']!.get('/api/review-requests/badge')).body).toEqual({ toReview: 0, mine: 0 });
    expect(
      (await as['rel']!.get(`/api/review-requests?reviewable=true&appId=${appId}`)).body.content,
    ).toHaveLength(1);
    expect((await as['rel']!.get('/api/review-requests/badge?appId=other')).body).toEqual({
      toReview: 0,
      mine: 0,
    });
  });

  it("makes a releaser's release a request (202) that they may not approve themselves", async () => {
    const { PRO_NS } = await newApp();
    const first = await askForPassword(PRO_NS);
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
    const { appId, PRO_NS } = await newApp();
    const first = await askForPassword(PRO_NS);
    const other = await as['rel']!.post(`${PRO_NS}/releases`, { releaseTitle: 'by rel' });
    expect(other.status).toBe(202);
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

    const pending = (await as['rel2']!.get(`/api/review-requests?status=PENDING&appId=${appId}`)).body
      .content;
    expect(pending).toHaveLength(1);
    expect(pending[0].id).toBe(other.body.reviewRequest.id);
    const stale = await as['rel2']!.post(`${PRO_NS}/review-requests/${pending[0].id}/approve`, {});
    expect(stale.status).toBe(409);
    expect(stale.body.details).toMatchObject({ status: 'STALE' });
    expect((await as['rel2']!.get(`/api/review-requests/${pending[0].id}`)).body.status).toBe('STALE');
  });

  it('refuses a request made stale by a later edit, and keeps rejected ones rejected', async () => {
    const { appId, PRO_NS } = await newApp();
    await publishPassword(PRO_NS);
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
    const byEd = await as['nobody']!.get(`/api/review-requests?requestedBy=ED&env=pro&appId=${appId}`);
    expect(byEd.body.content.map((r: { status: string }) => r.status)).toEqual([
      'REJECTED',
      'STALE',
      'PUBLISHED',
    ]);
  });

  it('keeps editor and publisher apart: an approver who edited the namespace is refused, the request stays pending', async () => {
    const { PRO_NS } = await newApp();
    await publishPassword(PRO_NS);
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
    const { PRO_NS } = await newApp();
    await publishPassword(PRO_NS);
    expect((await as['ed']!.put(`${PRO_NS}/items/password`, { value: 'claimed' })).status).toBe(200);
    const asked = await as['ed']!.post(`${PRO_NS}/review-requests`, {});
    expect(asked.status).toBe(201);
    const claim = (at: number) =>
      fixture.portal.database.manager.query(
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
    const { appId, PRO_NS } = await newApp();
    expect(
      (await as['admin']!.post(`/api/envs/PRO/apps/${appId}/appnamespaces`, { name: 'db' })).status,
    ).toBe(201);
    const dbNs = `/api/envs/PRO/apps/${appId}/clusters/default/namespaces/db`;
    expect((await as['admin']!.post(`${dbNs}/items`, { key: 'a', value: 'b' })).status).toBe(201);
    const asked = await as['admin']!.post(`${dbNs}/review-requests`, {});
    expect(asked.status).toBe(201);
    expect((await as['rel']!.post(`${PRO_NS}/review-requests/${asked.body.id}/approve`, {})).status).toBe(
      404,
    );
    expect((await as['rel']!.post(`${PRO_NS}/review-requests`, {})).status).toBe(409);
  });

  it('lets a releaser publish without review where emergency publish is allowed, and nowhere else', async () => {
    const { DEV_NS, PRO_NS } = await newApp();
    await publishPassword(PRO_NS);
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
    const { appId, DEV_NS, PRO_NS } = await newApp();
    await publishPassword(PRO_NS);
    expect((await as['ed']!.post(`${DEV_NS}/items`, { key: 'k', value: 'v' })).status).toBe(201);
    const policy = `/api/envs/DEV/apps/${appId}/review-policy`;
    expect((await as['nobody']!.get(policy)).body).toMatchObject({ required: false, appChoice: null });
    expect((await as['rel']!.put(policy, { required: true })).status).toBe(403);
    expect((await as['alice']!.put(policy, { required: 'yes' })).status).toBe(400);
    const on = await as['alice']!.put(policy, { required: true });
    expect(on.body).toMatchObject({ env: 'DEV', required: true, appChoice: true, environmentDefault: false });
    expect((await as['rel']!.post(`${DEV_NS}/releases`, {})).status).toBe(202);
    expect((await as['alice']!.put(policy, { required: null })).body).toMatchObject({ required: false });
    expect((await as['rel']!.post(`${DEV_NS}/releases`, {})).status).toBe(201);
    const off = await as['alice']!.put(`/api/envs/PRO/apps/${appId}/review-policy`, { required: false });
    expect(off.body).toMatchObject({ required: false, environmentDefault: true });
    expect((await as['ed']!.put(`${PRO_NS}/items/password`, { value: 'no review' })).status).toBe(200);
    expect((await as['rel']!.post(`${PRO_NS}/releases`, {})).status).toBe(201);
  });

  it('audits who changed what with before and after, filtered and paged, values hidden from non-members', async () => {
    const { appId, DEV_NS, PRO_NS } = await newApp();
    await publishPassword(PRO_NS);
    expect((await as['ed']!.put(`${PRO_NS}/items/password`, { value: 'second-secret' })).status).toBe(200);
    const second = await as['ed']!.post(`${PRO_NS}/review-requests`, {});
    expect(second.status).toBe(201);
    expect((await as['rel']!.post(`${PRO_NS}/review-requests/${second.body.id}/approve`, {})).status).toBe(
      200,
    );
    expect((await as['ed']!.post(`${DEV_NS}/items`, { key: 'k', value: 'v' })).status).toBe(201);

    const item = `item ${appId}/default/application password`;
    const rows = await as['admin']!.get(`/api/audit?env=PRO&entity=${encodeURIComponent(item)}&size=500`);
    expect(rows.status).toBe(200);
    const oldestFirst = [...rows.body.content].reverse();
    expect(oldestFirst[0]).toMatchObject({
      username: 'ed',
      env: 'PRO',
      appId,
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
    const approvals = await as['admin']!.get(`/api/audit?action=approve&env=PRO&appId=${appId}&size=1`);
    expect(approvals.body.total).toBe(2);
    expect(approvals.body.content).toHaveLength(1);
    const firstApproval = (
      await as['admin']!.get(`/api/audit?action=approve&username=rel2&appId=${appId}&size=50`)
    ).body.content;
    expect(firstApproval.find((row: { status: number }) => row.status === 200)).toMatchObject({
      entity: `release ${appId}/default/application`,
      before: null,
      after: { name: 'db password', configurations: { password: SECRET } },
    });
    expect((await as['admin']!.get('/api/audit?entity=item%20shop%25')).body.total).toBe(0);
    expect((await as['admin']!.get(`/api/audit?from=${Date.now() + 60_000}`)).body.total).toBe(0);

    const hidden = await as['nobody']!.get(`/api/apps/${appId}/audit?env=PRO&size=500`);
    expect(hidden.status).toBe(200);
    expect(hidden.body.content.length).toBeGreaterThan(5);
    expect(hidden.body.content.every((row: { valuesHidden: boolean }) => row.valuesHidden)).toBe(true);
    expect(JSON.stringify(hidden.body)).not.toMatch(
      /pro-secret-value|second-secret|third-secret|fourth-secret/,
    );
    const member = await as['ed']!.get(`/api/apps/${appId}/audit?env=PRO&size=500`);
    expect(JSON.stringify(member.body)).toContain(SECRET);
    const dev = await as['nobody']!.get(`/api/apps/${appId}/audit?env=DEV&action=create`);
    expect(dev.body.content[0]).toMatchObject({ valuesHidden: false, after: { key: 'k', value: 'v' } });
  });
  it('makes a request stale, and publishes nothing, when an edit lands between the approval check and the publish', async () => {
    const { PRO_NS } = await newApp();
    await publishPassword(PRO_NS);
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
    const { appId, PRO_NS } = await newApp();
    await publishPassword(PRO_NS);
    const key = await as['alice']!.post(`/api/envs/PRO/apps/${appId}/accesskeys`, {});
    expect(key.status).toBe(201);
    expect(
      (await as['alice']!.put(`/api/envs/PRO/apps/${appId}/accesskeys/${key.body.id}/enable`, {})).status,
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
    const { appId, DEV_NS, PRO_NS } = await newApp();
    expect((await as['ed']!.post(`${PRO_NS}/items`, { key: 'password', value: SECRET })).status).toBe(201);
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
    const listed = await as['rel']!.get(`/api/review-requests?status=WITHDRAWN&appId=${appId}`);
    expect(listed.body.content.map((row: { id: number }) => row.id)).toEqual([asked.body.id]);

    const audit = await as['admin']!.get(`/api/audit?action=withdraw&username=ed&appId=${appId}`);
    expect(audit.body.content.map((row: { status: number }) => row.status)).toEqual([409, 200, 404, 400]);
    expect(audit.body.content[1]).toMatchObject({
      env: 'PRO',
      appId,
      after: { status: 'WITHDRAWN' },
    });
  });

  it('keeps editor and publisher apart without review too: the editor may not release by naming someone else', async () => {
    const { DEV_NS } = await newApp();
    expect((await as['ed']!.post(`${DEV_NS}/items`, { key: 'k', value: 'v' })).status).toBe(201);
    expect((await as['both']!.put(`${DEV_NS}/items/k`, { value: 'edited by both' })).status).toBe(200);
    const claimed = await as['both']!.request(
      'POST',
      `${DEV_NS}/releases`,
      { releaseTitle: 'not mine', releasedBy: 'rel' },
      { 'x-operator': 'rel' },
    );
    expect(claimed.status).toBe(403);
    expect(claimed.body.message).toContain('both');
    const released = await as['rel']!.post(`${DEV_NS}/releases`, { releaseTitle: 'by rel' });
    expect(released.status).toBe(201);
    expect(released.body.dataChangeCreatedBy).toBe('rel');
  });
});
