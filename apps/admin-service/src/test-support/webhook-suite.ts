import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '@houston/domain';
import { operatorCalls, type AdminTestServer } from './admin-test-server';
import { dumpAllTables } from './secrets-suite';

const APP = 'payments';
const NS = `/apps/${APP}/clusters/default/namespaces/application`;
const SECRET = 'a-secret-of-at-least-16-chars';

interface Received {
  signed: boolean;
  event: string | undefined;
  body: { dryRun: boolean; previous: Record<string, string>; next: Record<string, string>; diff: unknown };
}

/** A receiver on 127.0.0.1 that checks the signature and vetoes `mode = unsafe`. */
async function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const signed = verifyWebhookSignature(
        SECRET,
        request.headers[WEBHOOK_SIGNATURE_HEADER] as string | undefined,
        text,
        Date.now(),
      );
      const body = JSON.parse(text) as Received['body'];
      received.push({ signed, event: request.headers['x-houston-event'] as string | undefined, body });
      const allow = signed && body.next['mode'] !== 'unsafe';
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ allow, message: allow ? 'ok' : 'mode unsafe is not allowed in production' }),
      );
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

/** Validation webhooks through the admin API: signed calls, a veto, the failure policy. */
export function webhookSuite(open: () => Promise<AdminTestServer>): void {
  let server: AdminTestServer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const call = operatorCalls(() => server.url, 'alice');

  beforeAll(async () => {
    receiver = await startReceiver();
    server = await open();
    expect((await call('POST', '/apps', { appId: APP, name: 'Payments' })).status).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
    await new Promise((done) => receiver?.server.close(done));
  });

  it('calls the hook with a valid signature, the old and new configuration and the diff', async () => {
    const hook = await call('POST', `/apps/${APP}/release-webhooks`, { url: receiver.url, secret: SECRET });
    expect(hook.status).toBe(201);
    expect(hook.body).toMatchObject({ url: receiver.url, failurePolicy: 'fail-closed', timeoutMs: 5000 });
    expect(hook.body.secret).toBeUndefined();
    expect((await call('GET', `/apps/${APP}/release-webhooks`)).body[0].secret).toBeUndefined();

    expect((await call('POST', `${NS}/items`, { key: 'mode', value: 'safe' })).status).toBe(201);
    expect((await call('POST', `${NS}/releases`, { releaseTitle: 'first' })).status).toBe(201);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]).toEqual({
      signed: true,
      event: 'release.validate',
      body: expect.objectContaining({
        dryRun: false,
        appId: APP,
        namespaceName: 'application',
        operator: 'alice',
        previous: {},
        next: { mode: 'safe' },
        diff: { added: [{ key: 'mode', value: 'safe' }], modified: [], deleted: [] },
      }),
    });
  });

  it('refuses a release the hook vetoes with 422 and its message; the dry run reports it', async () => {
    expect((await call('PUT', `${NS}/items/mode`, { value: 'unsafe' })).status).toBe(200);
    const refused = await call('POST', `${NS}/releases`, { releaseTitle: 'second' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'RELEASE_VETOED',
      details: { vetoes: [{ url: receiver.url, message: 'mode unsafe is not allowed in production' }] },
    });
    expect((await call('GET', `${NS}/releases/latest`)).body.name).toBe('first');

    const dryRun = await call('POST', `${NS}/releases/dry-run`);
    expect(dryRun.body).toMatchObject({
      wouldPublish: false,
      checks: [{ name: 'webhook', passed: false, problems: [{ path: '$' }] }],
    });
    expect(receiver.received.at(-1)!.body).toMatchObject({
      dryRun: true,
      previous: { mode: 'safe' },
      next: { mode: 'unsafe' },
    });
  });

  it('asks the hook about gray releases (naming the branch) and merges, and obeys a veto', async () => {
    expect((await call('PUT', `${NS}/items/mode`, { value: 'safe' })).status).toBe(200);
    expect((await call('POST', `${NS}/releases`, { releaseTitle: 'safe again' })).status).toBe(201);
    const branch = (await call('POST', `${NS}/branches`, {})).body.branchName as string;
    const BR_ITEMS = `/apps/${APP}/clusters/${branch}/namespaces/application/items`;
    expect((await call('PUT', `${BR_ITEMS}/mode`, { value: 'unsafe' })).status).toBe(200);
    const asked = receiver.received.length;
    const gray = await call('POST', `${NS}/branches/${branch}/releases`, {});
    expect(gray.status).toBe(422);
    expect(gray.body.code).toBe('RELEASE_VETOED');
    expect(receiver.received[asked]).toEqual({
      signed: true,
      event: 'release.validate',
      body: expect.objectContaining({
        branchName: branch,
        clusterName: 'default',
        previous: { mode: 'safe' },
        next: { mode: 'unsafe' },
      }),
    });
    const merge = await call('POST', `${NS}/branches/${branch}/merge`, {});
    expect(merge.status).toBe(422);
    expect(merge.body.code).toBe('RELEASE_VETOED');
    expect(receiver.received.at(-1)!.body).toMatchObject({
      previous: { mode: 'safe' },
      next: { mode: 'unsafe' },
    });
    expect(receiver.received.at(-1)!.body).not.toHaveProperty('branchName');
    expect((await call('GET', `${NS}/items/mode`)).body.value).toBe('safe');
    // Allowed changes go through both ways.
    expect((await call('PUT', `${BR_ITEMS}/mode`, { value: 'careful' })).status).toBe(200);
    expect((await call('POST', `${NS}/branches/${branch}/releases`, {})).status).toBe(201);
    expect((await call('POST', `${NS}/branches/${branch}/merge`, {})).status).toBe(201);
    expect((await call('GET', `${NS}/releases/latest`)).body.configurations).toEqual({ mode: 'careful' });
  });

  it('refuses when a fail-closed hook cannot be reached, and lets a fail-open one through', async () => {
    for (const hook of (await call('GET', `/apps/${APP}/release-webhooks`)).body) {
      expect((await call('DELETE', `/apps/${APP}/release-webhooks/${hook.id}`)).status).toBe(204);
    }
    // A port nothing listens on: the receiver's, after it is closed below, would race; use a fresh one.
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/hook`;
    await new Promise((done) => closed.close(done));

    const failClosed = await call('POST', `/apps/${APP}/release-webhooks`, {
      url: deadUrl,
      secret: SECRET,
      timeoutMs: 1000,
      namespaceName: 'application',
    });
    expect(failClosed.status).toBe(201);
    const refused = await call('POST', `${NS}/releases`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.details.vetoes[0].message).toBe('the webhook could not be reached');

    expect((await call('DELETE', `/apps/${APP}/release-webhooks/${failClosed.body.id}`)).status).toBe(204);
    expect(
      (
        await call('POST', `/apps/${APP}/release-webhooks`, {
          url: deadUrl,
          secret: SECRET,
          timeoutMs: 1000,
          failurePolicy: 'fail-open',
        })
      ).status,
    ).toBe(201);
    expect((await call('POST', `${NS}/releases`, { releaseTitle: 'third' })).status).toBe(201);
  });

  it('stores the signing key encrypted: no table holds it in clear', async () => {
    const dump = await dumpAllTables(server.database);
    expect(dump).toContain(receiver.url);
    expect(dump).not.toContain(SECRET);
    expect(dump).toMatch(/"secret":"hsec:v1:/);
  });

  it("reads at most 64 KiB of a hook's answer: an endless answer is a failure, not the memory", async () => {
    for (const hook of (await call('GET', `/apps/${APP}/release-webhooks`)).body) {
      expect((await call('DELETE', `/apps/${APP}/release-webhooks/${hook.id}`)).status).toBe(204);
    }
    // Bounded: at most 64 MiB, written as fast as the reader takes it, until it hangs up.
    const LIMIT = 64 * 1024 * 1024;
    let sent = 0;
    const endless = createServer((request, response) => {
      request.resume();
      request.on('end', async () => {
        response.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, ' ');
        while (sent < LIMIT && !response.destroyed) {
          sent += chunk.length;
          if (!response.write(chunk)) {
            await new Promise((done) => {
              response.once('drain', done);
              response.once('close', done);
            });
          }
        }
        response.end();
      });
    });
    await new Promise<void>((done) => endless.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(endless.address() as AddressInfo).port}/hook`;
      const hook = await call('POST', `/apps/${APP}/release-webhooks`, {
        url,
        secret: SECRET,
        timeoutMs: 5000,
      });
      expect(hook.status).toBe(201);
      const refused = await call('POST', `${NS}/releases`, {});
      expect(refused.status).toBe(422);
      expect(refused.body.details.vetoes[0].message).toBe("the webhook's answer is larger than 64 KiB");
      // What was written before the hang-up is what the sockets buffer, far from all of it.
      expect(sent).toBeLessThan(LIMIT / 4);
      expect((await call('DELETE', `/apps/${APP}/release-webhooks/${hook.body.id}`)).status).toBe(204);
    } finally {
      endless.closeAllConnections();
      await new Promise((done) => endless.close(done));
    }
  });

  it('refuses with 409 a release whose items were edited while the hook was asked, publishing nothing', async () => {
    for (const hook of (await call('GET', `/apps/${APP}/release-webhooks`)).body) {
      expect((await call('DELETE', `/apps/${APP}/release-webhooks/${hook.id}`)).status).toBe(204);
    }
    expect((await call('PUT', `${NS}/items/mode`, { value: 'checked' })).status).toBe(200);
    const before = (await call('GET', `${NS}/releases/latest`)).body;
    // Approves, but only after someone else's edit has landed.
    const editing = createServer((request, response) => {
      request.resume();
      request.on('end', async () => {
        const edit = await call('PUT', `${NS}/items/mode`, { value: 'edited-meanwhile' });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ allow: edit.status === 200, message: `edit answered ${edit.status}` }));
      });
    });
    await new Promise<void>((done) => editing.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(editing.address() as AddressInfo).port}/hook`;
      const hook = await call('POST', `/apps/${APP}/release-webhooks`, { url, secret: SECRET });
      expect(hook.status).toBe(201);
      const refused = await call('POST', `${NS}/releases`, { releaseTitle: 'checked-then-edited' });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        code: 'CONCURRENT_MODIFICATION',
        message: 'the items changed while the release was checked; publish again',
      });
      expect((await call('GET', `${NS}/releases/latest`)).body).toEqual(before);
      expect((await call('DELETE', `/apps/${APP}/release-webhooks/${hook.body.id}`)).status).toBe(204);
    } finally {
      await new Promise((done) => editing.close(done));
    }
  });

  it('refuses a webhook that is not an http(s) URL or has a short secret', async () => {
    expect(
      (await call('POST', `/apps/${APP}/release-webhooks`, { url: 'file:///etc/passwd', secret: SECRET }))
        .status,
    ).toBe(400);
    expect(
      (await call('POST', `/apps/${APP}/release-webhooks`, { url: receiver.url, secret: 'short' })).status,
    ).toBe(400);
  });
}
