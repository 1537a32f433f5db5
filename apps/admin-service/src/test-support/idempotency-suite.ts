import { operatorCalls, type AdminTestServer } from './admin-test-server';

const APP = 'idempotent';
const NS = `/apps/${APP}/clusters/default/namespaces/application`;

/**
 * A client that retries a publish or a rollback (after a timeout, say) with the same
 * Idempotency-Key must not apply it twice: it gets the first answer back.
 */
export function idempotencySuite(open: () => Promise<AdminTestServer>): void {
  let server: AdminTestServer;
  const call = operatorCalls(() => server.url, 'ops');
  const releases = async () =>
    (await call('GET', `${NS}/releases?page=0&size=100`)).body as Array<{ id: number }>;
  let value = 0;
  const edit = async () => {
    value += 1;
    const answer = await call('PUT', `${NS}/items/k`, { value: String(value) });
    expect(answer.status).toBe(200);
  };

  beforeAll(async () => {
    server = await open();
    expect((await call('POST', '/apps', { appId: APP, name: 'Idempotent' })).status).toBe(201);
    expect((await call('POST', `${NS}/items`, { key: 'k', value: '0' })).status).toBe(201);
  }, 60_000);
  afterAll(async () => server?.close());

  it('answers a retried publish with the first release instead of making a second', async () => {
    await edit();
    const before = (await releases()).length;
    const headers = { 'idempotency-key': 'publish-1' };
    const first = await call('POST', `${NS}/releases`, { releaseTitle: 'one' }, headers);
    expect(first.status).toBe(201);
    const retried = await call('POST', `${NS}/releases`, { releaseTitle: 'one' }, headers);
    expect(retried.status).toBe(201);
    expect(retried.body).toEqual(first.body);
    expect((await releases()).length).toBe(before + 1);
  });

  it('applies copies of a publish that race each other once', async () => {
    await edit();
    const before = (await releases()).length;
    const headers = { 'idempotency-key': 'publish-race' };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => call('POST', `${NS}/releases`, { releaseTitle: 'raced' }, headers)),
    );
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    expect((await releases()).length).toBe(before + 1);
  });

  it('refuses the same key for a different request with 409, and applies nothing', async () => {
    await edit();
    const before = (await releases()).length;
    const headers = { 'idempotency-key': 'publish-1' };
    const reused = await call('POST', `${NS}/releases`, { releaseTitle: 'another' }, headers);
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ code: 'CONFLICT', details: { reason: 'IDEMPOTENCY_KEY_REUSED' } });
    expect((await releases()).length).toBe(before);
  });

  it('publishes every time without a key, and refuses a malformed key with 400', async () => {
    const before = (await releases()).length;
    await call('POST', `${NS}/releases`, {});
    await call('POST', `${NS}/releases`, {});
    expect((await releases()).length).toBe(before + 2);
    const malformed = await call('POST', `${NS}/releases`, {}, { 'idempotency-key': 'x'.repeat(129) });
    expect(malformed.status).toBe(400);
    expect((await releases()).length).toBe(before + 2);
  });

  it('applies a retried gray publish and a retried merge once', async () => {
    // A branch starts from the active release.
    expect((await call('POST', `${NS}/releases`, {})).status).toBe(201);
    const branch = (await call('POST', `${NS}/branches`, {})).body.branchName as string;
    const BR = `${NS}/branches/${branch}`;
    const branchItems = `/apps/${APP}/clusters/${branch}/namespaces/application/items`;
    expect((await call('PUT', `${branchItems}/k`, { value: 'gray' })).status).toBe(200);
    const grayReleases = async () =>
      (
        (await call('GET', `/apps/${APP}/clusters/${branch}/namespaces/application/releases?page=0&size=100`))
          .body as unknown[]
      ).length;
    const grayBefore = await grayReleases();
    const gray = { 'idempotency-key': 'gray-1' };
    const first = await call('POST', `${BR}/releases`, { releaseTitle: 'gray' }, gray);
    expect(first.status).toBe(201);
    expect(await call('POST', `${BR}/releases`, { releaseTitle: 'gray' }, gray)).toEqual(first);
    expect(await grayReleases()).toBe(grayBefore + 1);

    const mainBefore = (await releases()).length;
    const merge = { 'idempotency-key': 'merge-1' };
    const merged = await call('POST', `${BR}/merge`, { releaseTitle: 'merged' }, merge);
    expect(merged.status).toBe(201);
    // Applied twice, the second merge would find no branch (404).
    expect(await call('POST', `${BR}/merge`, { releaseTitle: 'merged' }, merge)).toEqual(merged);
    expect((await releases()).length).toBe(mainBefore + 1);
  });

  it('rolls back once when a rollback is retried', async () => {
    const [active, previous] = await releases();
    const headers = { 'idempotency-key': 'rollback-1' };
    const first = await call('PUT', `/releases/${active!.id}/rollback`, undefined, headers);
    expect(first.status).toBe(200);
    expect(first.body.id).toBe(previous!.id);
    const retried = await call('PUT', `/releases/${active!.id}/rollback`, undefined, headers);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(first.body);
    // Applied twice, the second would have abandoned `previous` too (or failed with 409).
    expect((await call('GET', `${NS}/releases/latest`)).body.id).toBe(previous!.id);
  });
}
