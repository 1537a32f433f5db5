import { adminAuth } from '@houston/testing';
import { startAdminTestServer, type AdminTestServer } from './test-support/admin-test-server';

interface Answer {
  status: number;
  body: any;
}

const APP = 'orders';
const NS = `/apps/${APP}/clusters/default/namespaces`;

describe('admin API', () => {
  let server: AdminTestServer;
  const api = async (
    method: string,
    path: string,
    body?: unknown,
    operator: string | null = 'alice',
  ): Promise<Answer> => {
    const headers: Record<string, string> = { ...adminAuth() };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (operator) headers['x-operator'] = operator;
    const response = await fetch(server.url + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const count = async (table: string): Promise<number> =>
    Number((await server.database.dataSource.query(`SELECT COUNT(*) AS n FROM "${table}"`))[0].n);

  beforeAll(async () => {
    server = await startAdminTestServer();
    expect((await api('POST', '/apps', { app: { appId: APP, name: 'Orders', orgId: 'trade' } })).status).toBe(
      201,
    );
  });
  afterAll(async () => server?.close());

  describe('apps and clusters', () => {
    it("accepts Apollo's wrapped create body, refuses a duplicate app id with 409, and lists apps", async () => {
      expect((await api('POST', '/apps', { appId: APP, name: 'Again' })).status).toBe(409);
      const bad = await api('POST', '/apps', { appId: 'bad id!', name: 'x' });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect((await api('GET', '/apps')).body.map((app: { appId: string }) => app.appId)).toEqual([APP]);
      expect((await api('GET', `/apps/${APP}`)).body).toMatchObject({
        appId: APP,
        orgId: 'trade',
        dataChangeCreatedBy: 'alice',
      });
    });

    it('says who must be named when no operator is given', async () => {
      const answer = await api('POST', '/apps', { appId: 'anon', name: 'Anon' }, null);
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('OPERATOR_REQUIRED');
    });

    it('creates a cluster in which every namespace of the app appears, and protects default', async () => {
      expect((await api('POST', `/apps/${APP}/clusters`, { name: 'shanghai' })).status).toBe(201);
      const namespaces = await api('GET', `/apps/${APP}/clusters/shanghai/namespaces`);
      expect(namespaces.body.map((ns: { namespaceName: string }) => ns.namespaceName)).toEqual([
        'application',
      ]);
      expect((await api('DELETE', `/apps/${APP}/clusters/default`)).status).toBe(409);
      expect((await api('GET', `/apps/${APP}/clusters/nowhere/namespaces`)).status).toBe(404);
    });
  });

  describe('items', () => {
    it('creates, updates and deletes items, with a commit and an audit row for each change', async () => {
      const commits = await count('commit');
      const audits = await count('audit');
      const created = await api('POST', `${NS}/application/items`, {
        key: 'db.url',
        value: 'jdbc:x',
        comment: 'primary',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ key: 'db.url', value: 'jdbc:x', comment: 'primary', version: 1 });
      expect((await api('POST', `${NS}/application/items`, { key: 'db.url', value: 'again' })).status).toBe(
        409,
      );
      const updated = await api('PUT', `${NS}/application/items/db.url`, { value: 'jdbc:y', version: 1 });
      expect(updated.status).toBe(200);
      expect(updated.body.version).toBe(2);
      expect(updated.body.comment).toBe('primary');
      expect((await api('PUT', `${NS}/application/items/missing`, { value: 'v' })).status).toBe(404);
      expect(
        (await api('PUT', `${NS}/application/items/made?createIfNotExists=true`, { value: 'v' })).status,
      ).toBe(200);
      expect((await api('DELETE', `${NS}/application/items/made`)).status).toBe(204);
      expect(await count('commit')).toBe(commits + 4);
      expect(await count('audit')).toBe(audits + 4);
      const history = await api('GET', `${NS}/application/commits`);
      expect(history.body[0].changeSets.deleteItems[0].key).toBe('made');
      expect(history.body[2].changeSets.updateItems[0]).toMatchObject({
        oldItem: { value: 'jdbc:x' },
        newItem: { value: 'jdbc:y' },
      });
    });

    it('refuses to overwrite an item changed since the version the editor read', async () => {
      const first = await api('PUT', `${NS}/application/items/db.url`, { value: 'by-alice', version: 2 });
      expect(first.status).toBe(200);
      const stale = await api(
        'PUT',
        `${NS}/application/items/db.url`,
        { value: 'by-bob', version: 2 },
        'bob',
      );
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('CONCURRENT_MODIFICATION');
      expect(stale.body.details).toMatchObject({ key: 'db.url', expectedVersion: 2, actualVersion: 3 });
      expect((await api('GET', `${NS}/application/items/db.url`)).body.value).toBe('by-alice');
      expect((await api('DELETE', `${NS}/application/items/db.url?version=1`)).status).toBe(409);
    });

    it('lets concurrent writers of one item all finish, each either applied or told 409', async () => {
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          api('PUT', `${NS}/application/items/db.url`, { value: `w${i}`, version: 3 }, `w${i}`),
        ),
      );
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(7);
    });

    it('refuses bad keys and oversized values without cutting them', async () => {
      const longValue = await api('POST', `${NS}/application/items`, {
        key: 'big',
        value: 'x'.repeat(20_001),
      });
      expect(longValue.status).toBe(400);
      expect(longValue.body.details).toMatchObject({ field: 'value', key: 'big' });
      expect((await api('POST', `${NS}/application/items`, { key: 'a\nb', value: 'v' })).status).toBe(400);
      expect(
        (await api('POST', `${NS}/application/items`, { key: 'k'.repeat(129), value: 'v' })).status,
      ).toBe(400);
      expect((await api('POST', `${NS}/application/items`, { key: 'typed', value: 42 })).status).toBe(400);
      expect((await api('GET', `${NS}/application/items/big`)).status).toBe(404);
    });

    it('replaces the namespace from properties text in one change, keeping comments, and guards the revision', async () => {
      const before = await api('GET', `${NS}/application`);
      const text = '# pool settings\npool.size = 8\npool.idle = 2\n\ndb.url = jdbc:z\n';
      const changed = await api('PUT', `${NS}/application/items`, {
        configText: text,
        revision: before.body.revision,
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ created: 2, updated: 1, deleted: 0 });
      const after = await api('GET', `${NS}/application`);
      expect(after.body.items.map((item: { key: string }) => item.key)).toEqual([
        'pool.size',
        'pool.idle',
        'db.url',
      ]);
      expect(after.body.configText).toContain('# pool settings');
      const stale = await api('PUT', `${NS}/application/items`, {
        configText: 'a = 1',
        revision: before.body.revision,
      });
      expect(stale.status).toBe(409);
      const duplicate = await api('PUT', `${NS}/application/items`, { configText: 'a = 1\nb = 2\na = 3\n' });
      expect(duplicate.status).toBe(400);
      expect(duplicate.body.details.key).toBe('a');
      expect((await api('GET', `${NS}/application`)).body.revision).toBe(after.body.revision);
    });

    it('gives keys of a text the comments sent with it, and keeps the others', async () => {
      const ns = `${NS}/application`;
      expect((await api('PUT', `${ns}/items/db.url`, { value: 'jdbc:z', comment: 'primary' })).status).toBe(
        200,
      );
      const current = (await api('GET', ns)).body.configText as string;
      const changed = await api('PUT', `${ns}/items`, {
        configText: `${current}\nfresh = 1`,
        comments: { fresh: 'made with its comment', 'pool.size': 'threads' },
      });
      expect(changed.status).toBe(200);
      const comment = async (key: string) => (await api('GET', `${ns}/items/${key}`)).body.comment;
      expect(await comment('fresh')).toBe('made with its comment');
      expect(await comment('pool.size')).toBe('threads');
      expect(await comment('db.url')).toBe('primary');
      const stray = await api('PUT', `${ns}/items`, { configText: 'a = 1', comments: { b: 'x' } });
      expect(stray).toMatchObject({ status: 400, body: { details: { field: 'comments', key: 'b' } } });
      const long = await api('PUT', `${ns}/items`, {
        configText: 'a = 1',
        comments: { a: 'x'.repeat(1025) },
      });
      expect(long.status).toBe(400);
      expect((await api('GET', `${ns}/items/a`)).status).toBe(404);
    });
  });

  describe('document formats', () => {
    it('creates a json namespace in every cluster and validates its document with line and column', async () => {
      const created = await api('POST', `/apps/${APP}/appnamespaces`, { name: 'features', format: 'json' });
      expect(created.status).toBe(201);
      expect(created.body.name).toBe('features.json');
      for (const cluster of ['default', 'shanghai']) {
        expect(
          (await api('GET', `/apps/${APP}/clusters/${cluster}/namespaces/features.json`)).body.format,
        ).toBe('json');
      }
      const bad = await api('PUT', `${NS}/features.json/items`, { configText: '{\n  "a": 1,\n  "b": \n}' });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('INVALID_DOCUMENT');
      expect(bad.body.details.line).toBe(4);
      const good = await api('PUT', `${NS}/features.json/items`, { configText: '{"a": 1}' });
      expect(good.status).toBe(200);
      const release = await api('POST', `${NS}/features.json/releases`, { releaseTitle: 'json' });
      expect(release.body.configurations).toEqual({ content: '{"a": 1}' });
      expect((await api('POST', `${NS}/features.json/items`, { key: 'other', value: '1' })).status).toBe(400);
    });

    it('validates yaml and xml documents', async () => {
      await api('POST', `/apps/${APP}/appnamespaces`, { name: 'routes', format: 'yaml' });
      await api('POST', `/apps/${APP}/appnamespaces`, { name: 'layout', format: 'xml' });
      expect((await api('PUT', `${NS}/routes.yaml/items`, { configText: 'a: [1, 2\nb: 3' })).body.code).toBe(
        'INVALID_DOCUMENT',
      );
      expect((await api('PUT', `${NS}/routes.yaml/items`, { configText: 'a:\n  - 1\n' })).status).toBe(200);
      expect((await api('PUT', `${NS}/layout.xml/items`, { configText: '<a><b></a>' })).body.code).toBe(
        'INVALID_DOCUMENT',
      );
      expect((await api('PUT', `${NS}/layout.xml/items`, { configText: '<a><b/></a>' })).status).toBe(200);
    });

    it('refuses a namespace name that a public namespace already holds', async () => {
      expect((await api('POST', '/apps', { appId: 'middleware', name: 'MW' })).status).toBe(201);
      const shared = await api('POST', '/apps/middleware/appnamespaces', {
        name: 'dal',
        isPublic: true,
        appendNamespacePrefix: false,
      });
      expect(shared.status).toBe(201);
      expect((await api('POST', `/apps/${APP}/appnamespaces`, { name: 'dal' })).status).toBe(409);
    });
  });

  describe('releases', () => {
    const ns = `${NS}/application`;

    it('publishes, lists, compares and reports unreleased changes', async () => {
      const first = await api('POST', `${ns}/releases`, { releaseTitle: 'r1', releaseComment: 'first' });
      expect(first.status).toBe(201);
      expect((await api('GET', `${ns}/unreleased-changes`)).body.hasChanges).toBe(false);
      await api('PUT', `${ns}/items/pool.size`, { value: '16' });
      await api('POST', `${ns}/items`, { key: 'pool.max', value: '32' });
      await api('DELETE', `${ns}/items/pool.idle`);
      const pending = await api('GET', `${ns}/unreleased-changes`);
      expect(pending.body).toMatchObject({ baseReleaseId: first.body.id, hasChanges: true });
      const second = await api('POST', `${ns}/releases`, { releaseTitle: 'r2' });
      const diff = await api(
        'GET',
        `/releases/compare?baseReleaseId=${first.body.id}&toCompareReleaseId=${second.body.id}`,
      );
      expect(diff.body).toEqual({
        added: [{ key: 'pool.max', value: '32' }],
        modified: [{ key: 'pool.size', oldValue: '8', newValue: '16' }],
        deleted: [{ key: 'pool.idle', value: '2' }],
      });
      expect(
        (await api('GET', `${ns}/releases`)).body.map((release: { name: string }) => release.name),
      ).toEqual(['r2', 'r1']);
      expect((await api('GET', '/releases/compare?baseReleaseId=x&toCompareReleaseId=1')).status).toBe(400);
    });

    it('rolls back to a chosen earlier release, abandoning everything after it, with history', async () => {
      const third = await api('POST', `${ns}/releases`, { releaseTitle: 'r3' });
      const releases = (await api('GET', `${ns}/releases`)).body;
      const r1 = releases.find((release: { name: string }) => release.name === 'r1');
      expect((await api('PUT', `/releases/${r1.id}/rollback`)).status).toBe(409); // not the active one
      const rolled = await api(
        'PUT',
        `/releases/${third.body.id}/rollback?toReleaseId=${r1.id}&operator=carol`,
      );
      expect(rolled.status).toBe(200);
      expect(rolled.body.id).toBe(r1.id);
      expect((await api('GET', `${ns}/releases/latest`)).body.name).toBe('r1');
      const after = (await api('GET', `${ns}/releases`)).body;
      expect(
        after
          .filter((release: { isAbandoned: boolean }) => release.isAbandoned)
          .map((release: { name: string }) => release.name),
      ).toEqual(['r3', 'r2']);
      const histories = await api('GET', `${ns}/releases/histories`);
      expect(histories.body.content[0]).toMatchObject({
        operation: 1,
        operationName: 'ROLLBACK',
        releaseId: r1.id,
        dataChangeCreatedBy: 'carol',
      });
      expect((await api('PUT', `/releases/${r1.id}/rollback`)).status).toBe(409); // nothing earlier is active
    });

    it('writes nothing at all when a release fails part-way', async () => {
      const tables = ['release', 'release_history', 'release_message', 'audit'];
      const before = await Promise.all(tables.map(count));
      await server.database.dataSource.query(
        "CREATE TRIGGER fail_message BEFORE INSERT ON release_message BEGIN SELECT RAISE(ABORT, 'disk full'); END",
      );
      try {
        const failed = await api('POST', `${ns}/releases`, { releaseTitle: 'doomed' });
        expect(failed.status).toBe(500);
        expect(failed.body.code).toBe('INTERNAL');
        expect(JSON.stringify(failed.body)).not.toContain('disk full');
      } finally {
        await server.database.dataSource.query('DROP TRIGGER fail_message');
      }
      expect(await Promise.all(tables.map(count))).toEqual(before);
      expect((await api('GET', `${ns}/releases/latest`)).body.name).toBe('r1');
    });
  });

  it('serves its OpenAPI document', async () => {
    const doc = await api('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(
      doc.body.paths['/apps/{appId}/clusters/{cluster}/namespaces/{namespace}/items/{key}'],
    ).toBeDefined();
  });
});
