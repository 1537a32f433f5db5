import { connect, type Socket } from 'node:net';
import { adminAuth, startHoustonProcess, type HoustonProcess } from '@houston/testing';
import { call, notificationsQuery } from './test-support/http-client';

// The limits a single client meets, against the real `npm start` process with small settings.

const OPERATOR = { 'x-operator': 'me' };

function open(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves with how long the server took to close the socket (bounded by `withinMs`). */
function closedWithin(socket: Socket, withinMs: number): Promise<number | 'still open'> {
  const started = Date.now();
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('still open'), withinMs);
    socket.on('data', () => undefined);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(Date.now() - started);
    });
    socket.once('error', () => undefined);
  });
}

describe('abuse limits', () => {
  let houston: HoustonProcess;

  beforeAll(async () => {
    houston = await startHoustonProcess({
      HOUSTON_MAX_HELD_POLLS_PER_CLIENT: '3',
      HOUSTON_HEADERS_TIMEOUT: '1s',
      HOUSTON_REQUEST_TIMEOUT: '1s',
      HOUSTON_LONG_POLL_TIMEOUT: '3s',
      HOUSTON_MAX_CONNECTIONS: '8',
    });
    expect(
      (await call(houston.adminUrl, 'POST', '/apps', { appId: 'polite', name: 'P' }, OPERATOR)).status,
    ).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await houston?.stop();
  });

  it('answers 429 past the long polls one address may hold, and frees the slot when a poll ends', async () => {
    const poll = notificationsQuery('polite', -1);
    const aborts = [new AbortController(), new AbortController(), new AbortController()];
    const held = aborts.map((abort) =>
      fetch(houston.configUrl + poll, { signal: abort.signal }).then(
        (response) => response.status,
        () => 'aborted',
      ),
    );
    // The fourth is refused once the three are held (wait on the condition, bounded).
    let refused: Response | undefined;
    for (let attempt = 0; attempt < 50 && !refused; attempt++) {
      const response = await fetch(houston.configUrl + poll, { signal: AbortSignal.timeout(500) }).catch(
        () => undefined,
      );
      if (response?.status === 429) refused = response;
    }
    expect(refused?.status).toBe(429);
    expect(refused!.headers.get('retry-after')).toMatch(/^\d+$/);
    // One wait, the same in the header and the body.
    expect(await refused!.json()).toMatchObject({
      status: 429,
      code: 'TOO_MANY_REQUESTS',
      details: { retryAfterSeconds: Number(refused!.headers.get('retry-after')) },
    });

    aborts[0]!.abort();
    // With one slot free a poll is held again (its answer is the 304 at the poll timeout).
    let status: number | undefined;
    for (let attempt = 0; attempt < 50; attempt++) {
      status = (await fetch(houston.configUrl + poll)).status;
      if (status !== 429) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe(304);
    aborts.forEach((abort) => abort.abort());
    await Promise.all(held);
  });

  it('holds a long poll past the request timeout: only receiving the request is timed', async () => {
    const started = Date.now();
    const response = await fetch(houston.configUrl + notificationsQuery('polite', -1));
    expect(response.status).toBe(304);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_500);
  });

  it('closes a connection whose headers do not arrive within the headers timeout', async () => {
    const socket = await open(houston.adminUrl);
    socket.write('GET /health HTTP/1.1\r\nHost: x\r\n');
    const closed = await closedWithin(socket, 10_000);
    socket.destroy();
    // 1 s timeout plus Node's once-a-second check (it was 77 s).
    expect(closed).not.toBe('still open');
    expect(closed).toBeLessThan(5_000);
  });

  it('closes connections past the cap as they arrive', async () => {
    const sockets = await Promise.all(Array.from({ length: 12 }, () => open(houston.adminUrl)));
    const closed = await Promise.all(sockets.map((socket) => closedWithin(socket, 500)));
    sockets.forEach((socket) => socket.destroy());
    const stayedOpen = closed.filter((outcome) => outcome === 'still open').length;
    expect(stayedOpen).toBeLessThanOrEqual(8);
    expect(stayedOpen).toBeGreaterThan(0);
    // The server still answers once they are gone.
    expect((await call(houston.adminUrl, 'GET', '/health')).status).toBe(200);
  });
});

// Its own server: the held request must stay held while the refusals are looked for. Under the
// suite above's 1 s request timeout the server dropped it first on a busy machine, and every
// later body was read and judged (400) instead of refused.
describe('abuse limits: request-body bytes held at once', () => {
  let houston: HoustonProcess;

  beforeAll(async () => {
    houston = await startHoustonProcess({
      HOUSTON_REQUEST_TIMEOUT: '60s',
      HOUSTON_BODY_BYTES_IN_FLIGHT: String(1024 * 1024),
    });
  }, 60_000);

  afterAll(async () => {
    await houston?.stop();
  });

  it('refuses a body past the bytes held at once before reading it, and takes bodies again once they are answered', async () => {
    // Two bodies of 700 KiB do not fit in the 1 MiB this server holds at once.
    const length = 700 * 1024;
    const held = await open(houston.adminUrl);
    held.on('data', () => undefined);
    held.once('error', () => undefined);
    held.write(
      `POST /apps HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n{`,
    );
    const prefix = '{"appId":"large","name":"';
    const body = `${prefix}${'n'.repeat(length - prefix.length - 2)}"}`;
    const post = () =>
      fetch(`${houston.adminUrl}/apps`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...adminAuth(), ...OPERATOR },
        body,
      });
    // Wait (bounded) until the held request's headers have reached the server.
    let refused: Response | undefined;
    for (let attempt = 0; attempt < 200 && !refused; attempt++) {
      const response = await post();
      if (response.status === 503) refused = response;
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(refused?.status).toBe(503);
    expect(refused!.headers.get('retry-after')).toBe('1');
    expect(await refused!.json()).toMatchObject({ code: 'UNAVAILABLE', details: { retryAfterSeconds: 1 } });

    // Once the held request is gone its bytes are given back: the same body is read and judged.
    held.destroy();
    let status = 503;
    for (let attempt = 0; attempt < 200 && status === 503; attempt++) {
      status = (await post()).status;
      if (status === 503) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe(400);
  });
});
