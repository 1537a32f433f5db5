import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '@houston/domain';
import { sendNotification, type NotificationRequest } from './send-notification';

const SECRET = 'a-secret-of-at-least-16-chars';

describe('sendNotification against a receiver on 127.0.0.1', () => {
  let server: Server;
  let base: string;
  const seen: Array<{ headers: IncomingHttpHeaders; body: string }> = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen.push({ headers: request.headers, body });
        switch (request.url) {
          case '/ok':
            return void response.writeHead(202).end('fine');
          case '/redirect':
            return void response.writeHead(302, { location: '/ok' }).end();
          case '/endless': {
            // An answer that never ends: only a bounded read gets the status back before the timeout.
            response.writeHead(500, { 'content-type': 'text/plain' });
            const chunk = `${'x'.repeat(1023)}\n`;
            const pump = () => {
              while (response.write(chunk)) if (response.destroyed) return;
            };
            response.on('drain', pump);
            pump();
            return;
          }
          case '/hang':
            return; // never answers
        }
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });

  const request = (path: string, timeoutMs = 10_000): NotificationRequest => ({
    url: base + path,
    secret: SECRET,
    deliveryId: 42,
    attempt: 3,
    event: 'release',
    body: '{"event":"release"}',
    timeoutMs,
  });

  it('posts the body signed, with the event, delivery id, attempt and timestamp', async () => {
    expect(await sendNotification(request('/ok'))).toEqual({ ok: true, status: 202, error: '' });
    const { headers, body } = seen.at(-1)!;
    expect(body).toBe('{"event":"release"}');
    expect(headers).toMatchObject({
      'content-type': 'application/json',
      'x-houston-event': 'release',
      'x-houston-delivery': '42',
      'x-houston-attempt': '3',
    });
    const signature = headers[WEBHOOK_SIGNATURE_HEADER] as string;
    expect(verifyWebhookSignature(SECRET, signature, body, Date.now())).toBe(true);
    expect(signature.startsWith(`t=${String(headers['x-houston-timestamp'])},`)).toBe(true);
  });

  it('reads a bounded start of an answer that never ends, and keeps a short excerpt as the error', async () => {
    const result = await sendNotification(request('/endless', 20_000));
    expect(result.ok).toBe(false);
    expect(result.status).toBe(500);
    expect(result.error).toMatch(/^the receiver answered 500: x+/);
    expect(result.error.length).toBeLessThanOrEqual('the receiver answered 500: '.length + 200);
  });

  it('does not follow a redirect: a 3xx is a failed attempt', async () => {
    const before = seen.length;
    expect(await sendNotification(request('/redirect'))).toMatchObject({ ok: false, status: 302 });
    expect(seen.length).toBe(before + 1);
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    expect(await sendNotification(request('/hang', 200))).toEqual({
      ok: false,
      status: 0,
      error: 'no answer within 200 ms',
    });
  });

  it('says when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
    await new Promise((done) => closed.close(done));
    expect(await sendNotification({ ...request('/'), url })).toEqual({
      ok: false,
      status: 0,
      error: 'could not be reached (ECONNREFUSED)',
    });
  });
});
