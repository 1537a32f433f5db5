import { configurationFingerprint } from '@houston/domain';
import { operatorCalls, type AdminTestServer } from './admin-test-server';

const APP = 'tariffs';
const NS = `/apps/${APP}/clusters/default/namespaces/application`;

/**
 * "Publish only if unchanged": a release naming the base release and the fingerprint of the items
 * it was checked on is published only if both still hold, checked under the namespace lock.
 */
export function releasePreconditionSuite(open: () => Promise<AdminTestServer>): void {
  let server: AdminTestServer;
  const editor = operatorCalls(() => server.url, 'editor');
  const releaser = operatorCalls(() => server.url, 'releaser');
  const checked = async () => {
    const { body } = await releaser('GET', `${NS}/unreleased-changes`);
    return {
      expectedBaseReleaseId: body.baseReleaseId as number,
      expectedFingerprint: body.fingerprint as string,
    };
  };

  beforeAll(async () => {
    server = await open();
    expect((await editor('POST', '/apps', { appId: APP, name: 'Tariffs' })).status).toBe(201);
  });
  afterAll(async () => server?.close());

  it('tells in unreleased-changes the fingerprint of what a release would publish', async () => {
    expect((await editor('PUT', `${NS}/items`, { configText: 'fee = 1\nlimit = 2' })).status).toBe(200);
    const { body } = await releaser('GET', `${NS}/unreleased-changes`);
    expect(body).toMatchObject({ baseReleaseId: 0, hasChanges: true });
    expect(body.fingerprint).toBe(configurationFingerprint({ fee: '1', limit: '2' }));
  });

  it('publishes when nothing moved since the check', async () => {
    const expected = await checked();
    const released = await releaser('POST', `${NS}/releases`, { releaseTitle: 'checked', ...expected });
    expect(released.status).toBe(201);
    expect(released.body.configurations).toEqual({ fee: '1', limit: '2' });
  });

  it('refuses with 409 RELEASE_PRECONDITION_FAILED when an edit lands between the check and the publish', async () => {
    expect((await editor('PUT', `${NS}/items/fee`, { value: '5' })).status).toBe(200);
    const expected = await checked();
    expect((await editor('PUT', `${NS}/items/limit`, { value: '999' })).status).toBe(200);
    const before = (await releaser('GET', `${NS}/releases/latest`)).body.id as number;
    const refused = await releaser('POST', `${NS}/releases`, { releaseTitle: 'moved', ...expected });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'RELEASE_PRECONDITION_FAILED',
      details: { moved: ['fingerprint'], expectedBaseReleaseId: before, baseReleaseId: before },
    });
    expect((await releaser('GET', `${NS}/releases/latest`)).body.id).toBe(before);
    // Undone again, the items are what was checked: the same precondition now holds.
    expect((await editor('PUT', `${NS}/items/limit`, { value: '2' })).status).toBe(200);
    const released = await releaser('POST', `${NS}/releases`, { releaseTitle: 'as checked', ...expected });
    expect(released.status).toBe(201);
    expect(released.body.configurations).toEqual({ fee: '5', limit: '2' });
  });

  it('refuses when another release moved the base, even with the same items', async () => {
    expect((await editor('PUT', `${NS}/items/fee`, { value: '6' })).status).toBe(200);
    const expected = await checked();
    expect((await releaser('POST', `${NS}/releases`, { releaseTitle: 'someone else' })).status).toBe(201);
    const refused = await releaser('POST', `${NS}/releases`, expected);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('RELEASE_PRECONDITION_FAILED');
    expect(refused.body.details.moved).toEqual(['baseReleaseId']);
  });

  it('refuses a malformed precondition with 400', async () => {
    for (const body of [
      { expectedBaseReleaseId: -1 },
      { expectedBaseReleaseId: 'x' },
      { expectedFingerprint: 'abc' },
    ]) {
      const answer = await releaser('POST', `${NS}/releases`, body);
      expect(answer.status).toBe(400);
    }
  });

  it('never publishes other items than those checked when edits race the publish', async () => {
    for (let round = 0; round < 5; round++) {
      expect((await editor('PUT', `${NS}/items/fee`, { value: `r${round}` })).status).toBe(200);
      const expected = await checked();
      const [released, edited] = await Promise.all([
        releaser('POST', `${NS}/releases`, { releaseTitle: `round ${round}`, ...expected }),
        editor('PUT', `${NS}/items/fee`, { value: `late${round}` }),
      ]);
      expect(edited.status).toBe(200);
      if (released.status === 201) {
        expect(configurationFingerprint(released.body.configurations)).toBe(expected.expectedFingerprint);
      } else {
        expect(released.body.code).toBe('RELEASE_PRECONDITION_FAILED');
      }
    }
  });
}
