import { operatorCalls, type AdminTestServer } from './admin-test-server';

const APP = 'ledger';
const NS = `/apps/${APP}/clusters/default/namespaces/application`;
/** Enough simultaneous requests to overlap on every connection of the pool, few enough to stay fast. */
const PARALLEL = 8;

/**
 * Edits of one namespace arriving at the same moment: each is applied exactly once or refused
 * for a reason the caller can act on, and the database never holds two live rows of one key.
 */
export function concurrentEditsSuite(open: () => Promise<AdminTestServer>): void {
  let server: AdminTestServer;
  const call = operatorCalls(() => server.url, 'editor');
  const together = <T>(count: number, request: (index: number) => Promise<T>) =>
    Promise.all(Array.from({ length: count }, (_, index) => request(index)));
  const liveRowsOf = async (key: string) =>
    (await server.database.repos.items.listByNamespace(await namespaceId())).filter(
      (item) => item.key === key,
    );
  const namespaceId = async () =>
    (await server.database.repos.namespaces.find(APP, 'default', 'application'))!.id;

  beforeAll(async () => {
    server = await open();
    expect((await call('POST', '/apps', { appId: APP, name: 'Ledger' })).status).toBe(201);
  });
  afterAll(async () => server?.close());

  it('creates a key once when several create it at the same moment; the others are told it exists', async () => {
    const answers = await together(PARALLEL, (i) =>
      call('POST', `${NS}/items`, { key: 'fee', value: `${i}` }),
    );
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(refused.map((answer) => answer.body.code)).toEqual(Array(PARALLEL - 1).fill('ALREADY_EXISTS'));
    expect(await liveRowsOf('fee')).toHaveLength(1);
  });

  it('applies every update that names no version, one after the other, without a spurious conflict', async () => {
    const before = (await call('GET', `${NS}/items/fee`)).body.version as number;
    const answers = await together(PARALLEL, (i) => call('PUT', `${NS}/items/fee`, { value: `v${i}` }));
    expect(answers.map((answer) => answer.status)).toEqual(Array(PARALLEL).fill(200));
    expect((await call('GET', `${NS}/items/fee`)).body.version).toBe(before + PARALLEL);
  });

  it('lets exactly one of several updates naming the same version win; the rest get 409', async () => {
    const version = (await call('GET', `${NS}/items/fee`)).body.version as number;
    const answers = await together(PARALLEL, (i) =>
      call('PUT', `${NS}/items/fee`, { value: `race${i}`, version }),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 409)).toHaveLength(PARALLEL - 1);
  });

  it('accepts exactly one of several text edits made from the same revision', async () => {
    const first = await call('PUT', `${NS}/items`, { configText: 'fee = 1\nlimit = 2' });
    expect(first.status).toBe(200);
    const revision = first.body.revision as number;
    // Each adds a key of its own and leaves the others' alone: only the revision can tell that
    // the text was written against a namespace that has changed since.
    const answers = await together(PARALLEL, (i) =>
      call('PUT', `${NS}/items`, { configText: `fee = 1\nlimit = 2\nextra${i} = ${i}`, revision }),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    const refused = answers.filter((answer) => answer.status !== 200);
    expect(refused.map((answer) => answer.body.code)).toEqual(
      Array(PARALLEL - 1).fill('CONCURRENT_MODIFICATION'),
    );
  });

  it('creates a key once when text edits and single creates race for it', async () => {
    const answers = await together(PARALLEL, (i) =>
      i % 2 === 0
        ? call('PUT', `${NS}/items`, { configText: `fee = 1\nlimit = 2\nburst = ${i}` })
        : call('POST', `${NS}/items`, { key: 'burst', value: `${i}` }),
    );
    expect(answers.every((answer) => answer.status < 500)).toBe(true);
    expect(await liveRowsOf('burst')).toHaveLength(1);
  });

  it('refuses a second live row of a key in the database itself, and allows it again once deleted', async () => {
    const id = await namespaceId();
    const row = { namespaceId: id, key: 'fee', value: 'dup', comment: '', lineNum: 99 };
    await expect(server.database.repos.items.insertMany([row])).rejects.toThrow();
    const [live] = await liveRowsOf('fee');
    expect(await server.database.repos.items.softDeleteIfVersion(live!.id, live!.version, 'editor')).toBe(
      true,
    );
    await expect(server.database.repos.items.insertMany([row])).resolves.toHaveLength(1);
    // Comment and blank lines carry no key, and a namespace may hold any number of them.
    await expect(
      server.database.repos.items.insertMany([
        { namespaceId: id, key: '', value: '', comment: '# one', lineNum: 100 },
        { namespaceId: id, key: '', value: '', comment: '# two', lineNum: 101 },
      ]),
    ).resolves.toHaveLength(2);
  });

  it('applies a text edit spanning several write batches exactly: creates, updates and deletes', async () => {
    const text = (keys: number[], value: (key: number) => string) =>
      keys.map((key) => `bulk.${key} = ${value(key)}`).join('\n');
    const first = Array.from({ length: 1_500 }, (_, i) => i);
    expect((await call('PUT', `${NS}/items`, { configText: text(first, (k) => `a${k}`) })).status).toBe(200);
    // Change 0..1099, drop 1100..1499, add 1500..2599: more than one batch of creates and updates.
    const second = Array.from({ length: 2_600 }, (_, i) => i).filter((key) => key < 1_100 || key >= 1_500);
    const edit = await call('PUT', `${NS}/items`, {
      configText: text(second, (k) => (k < 1_100 ? `b${k}` : `a${k}`)),
    });
    expect(edit.body).toMatchObject({ created: 1_100, updated: 1_100, deleted: 400 });
    const items = (await server.database.repos.items.listByNamespace(await namespaceId())).filter((item) =>
      item.key.startsWith('bulk.'),
    );
    expect(items).toHaveLength(second.length);
    const byKey = new Map(items.map((item) => [item.key, item]));
    expect(byKey.get('bulk.0')).toMatchObject({ value: 'b0', version: 2 });
    expect(byKey.get('bulk.1099')).toMatchObject({ value: 'b1099', version: 2 });
    expect(byKey.has('bulk.1100')).toBe(false);
    expect(byKey.has('bulk.1499')).toBe(false);
    expect(byKey.get('bulk.2599')).toMatchObject({ value: 'a2599', version: 1 });
  });

  it('writes a text edit of 2,000 items in a bounded number of statements, not one or more per item', async () => {
    const bulk = `/apps/${APP}/clusters/default/namespaces/bulk/items`;
    expect(
      (await call('POST', `/apps/${APP}/appnamespaces`, { name: 'bulk', format: 'properties' })).status,
    ).toBe(201);
    const text = (value: string) =>
      Array.from({ length: 2_000 }, (_, i) => `k${i} = ${value}${i}`).join('\n');
    const dataSource = server.database.dataSource;
    const logger = dataSource.logger;
    let statements = 0;
    // Every statement of either dialect passes the data source's logger, whether logging is on or not.
    const counting: typeof logger = Object.create(logger);
    counting.logQuery = (...args) => {
      statements++;
      return logger.logQuery(...args);
    };
    const counted = async (configText: string) => {
      statements = 0;
      (dataSource as { logger: typeof logger }).logger = counting;
      try {
        return { answer: await call('PUT', bulk, { configText }), statements };
      } finally {
        (dataSource as { logger: typeof logger }).logger = logger;
      }
    };
    // One diff, then multi-row statements of many rows each: 20 to 30 here on either database (one
    // or two per item, as before batching, would be 2,000 to 4,000).
    const created = await counted(text('a'));
    expect(created.answer.body).toMatchObject({ created: 2_000 });
    expect(created.statements).toBeLessThan(100);
    const changed = await counted(text('b'));
    expect(changed.answer.body).toMatchObject({ updated: 2_000 });
    expect(changed.statements).toBeLessThan(100);
  });
}
