import {
  createScratchMysqlDatabase,
  describeWithMysql,
  FaultProxy,
  type ScratchDatabase,
  type ServerProcess,
} from '@houston/testing';
import { boundedCall, startServers, type BoundedAnswer } from './fault-harness';

const APP = 'db-faults';
const COLD_APP = 'db-faults-cold';
/** The statement and connect timeouts the servers get here (the defaults are 10 s and 5 s). */
const DB_TIMEOUT_MS = 1_500;
/** Every answer during a fault must come within this: the timeout plus a margin for a busy host. */
const ANSWER_BOUND_MS = DB_TIMEOUT_MS * 2 + 2_500;

/**
 * A database that freezes (accepts, never answers) or goes down, under admin-service,
 * config-service and meta-server running as their own processes: every request is answered
 * within the timeout, the admin-service with 503 and Retry-After, the meta-server with the
 * instances it last saw, the config-service from what it holds.
 */
describeWithMysql('database frozen or down', () => {
  let scratch: ScratchDatabase;
  let db: FaultProxy;
  let admin: ServerProcess;
  let config: ServerProcess;
  let meta: ServerProcess;
  let stopServers: () => Promise<void>;

  beforeAll(async () => {
    scratch = await createScratchMysqlDatabase('houston_db_faults');
    const target = new URL(scratch.url);
    db = await FaultProxy.start({ host: target.hostname, port: Number(target.port || 3306) });
    const started = await startServers(['admin-service', 'config-service', 'meta-server'], {
      HOUSTON_DB_URL: db.rewrite(scratch.url),
      HOUSTON_DB_POOL_SIZE: '4',
      HOUSTON_DB_QUERY_TIMEOUT: `${DB_TIMEOUT_MS}ms`,
      HOUSTON_DB_CONNECT_TIMEOUT: `${DB_TIMEOUT_MS}ms`,
      HOUSTON_HEARTBEAT_INTERVAL: '1s',
    });
    admin = started.servers['admin-service']!;
    config = started.servers['config-service']!;
    meta = started.servers['meta-server']!;
    stopServers = started.stop;
    for (const appId of [APP, COLD_APP]) {
      const ns = `/apps/${appId}/clusters/default/namespaces/application`;
      expect((await boundedCall(admin.url, 'POST', '/apps', { body: { appId, name: appId } })).status).toBe(
        201,
      );
      expect(
        (await boundedCall(admin.url, 'POST', `${ns}/items`, { body: { key: 'k', value: 'v' } })).status,
      ).toBe(201);
      expect((await boundedCall(admin.url, 'POST', `${ns}/releases`, { body: {} })).status).toBe(201);
    }
    // What a running client has already read: the config-service holds it.
    expect((await readConfig(APP)).status).toBe(200);
    // The meta-server has seen the config-service once.
    expect(await listedConfigServices()).toContain(`${config.url}/`);
  }, 90_000);

  afterAll(async () => {
    if (db && db.current !== 'pass') await db.pass();
    await stopServers?.();
    await db?.close();
    await scratch?.drop();
  });

  const readConfig = (appId: string) =>
    boundedCall(config.url, 'GET', `/configs/${appId}/default/application`, { boundMs: ANSWER_BOUND_MS });

  async function listedConfigServices(): Promise<string[]> {
    const answer = await boundedCall(meta.url, 'GET', '/services/config', { boundMs: ANSWER_BOUND_MS });
    expect(answer.status).toBe(200);
    return (answer.body as Array<{ homepageUrl: string }>).map((service) => service.homepageUrl);
  }

  function expectUnavailable(answer: BoundedAnswer) {
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    // One wait, said the same in the header and the body.
    expect(Number(answer.headers!.get('retry-after'))).toBeGreaterThan(0);
    expect(answer.body.details).toMatchObject({
      retryAfterSeconds: Number(answer.headers!.get('retry-after')),
    });
  }

  /** Every server answers as before once the database is back (bounded: no sleeps). */
  async function recovered() {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const answer = await boundedCall(admin.url, 'GET', `/apps/${APP}`, { boundMs: ANSWER_BOUND_MS });
      if (answer.status === 200) return;
      if (Date.now() > deadline) throw new Error(`admin-service still answers ${answer.status}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async function duringTheFault() {
    const adminRead = await boundedCall(admin.url, 'GET', `/apps/${APP}`, { boundMs: ANSWER_BOUND_MS });
    expectUnavailable(adminRead);
    const adminWrite = await boundedCall(
      admin.url,
      'PUT',
      `/apps/${APP}/clusters/default/namespaces/application/items/k`,
      { body: { value: 'during the fault' }, boundMs: ANSWER_BOUND_MS },
    );
    expectUnavailable(adminWrite);

    const started = Date.now();
    expect(await listedConfigServices()).toContain(`${config.url}/`);
    expect(Date.now() - started).toBeLessThan(ANSWER_BOUND_MS);

    const held = await readConfig(APP);
    expect(held.status).toBe(200);
    expect(held.body.configurations).toEqual({ k: 'v' });
    // Never read before the fault: nothing to serve it from, but an answer all the same.
    expectUnavailable(await readConfig(COLD_APP));
  }

  it('answers within the timeout while the database accepts connections but never answers', async () => {
    db.freeze();
    try {
      await duringTheFault();
    } finally {
      await db.pass();
    }
    await recovered();
  }, 60_000);

  it('answers at once while the database refuses connections', async () => {
    await db.refuse();
    try {
      await duringTheFault();
    } finally {
      await db.pass();
    }
    await recovered();
  }, 60_000);
});
