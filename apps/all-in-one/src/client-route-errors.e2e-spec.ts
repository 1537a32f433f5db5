import { connect } from 'node:net';
import type { RunningHouston } from './all-in-one';
import { embeddedHouston } from './test-support/start-houston';

/** Sends one raw request and reads the whole answer: status line, headers and body. */
function rawRequest(
  baseUrl: string,
  head: string,
): Promise<{ status: number; headers: string; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      resolve({
        status: Number(text.slice(9, 12)),
        headers: text.slice(0, split).toLowerCase(),
        body: text.slice(split + 4),
      });
    });
    socket.end(head);
  });
}

const get = (path: string, extraHeaders = '') =>
  `GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\n${extraHeaders}connection: close\r\n\r\n`;

describe('client routes refuse bad requests with the problem body', () => {
  let houston: RunningHouston;
  beforeAll(async () => (houston = await embeddedHouston()));
  afterAll(async () => houston?.close());

  it('400 for notifications that are not JSON', async () => {
    const answer = await rawRequest(
      houston.configUrl,
      get('/notifications/v2?appId=a&notifications=%7Bnot-json'),
    );
    expect(answer.status).toBe(400);
    expect(answer.headers).toContain('content-type: application/json');
    expect(JSON.parse(answer.body)).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      path: '/notifications/v2',
      details: { field: 'notifications' },
    });
  });

  it('400 for a path that is not valid percent-encoding', async () => {
    const answer = await rawRequest(houston.configUrl, get('/configs/app/default/%zz'));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      details: { reason: 'FST_ERR_BAD_URL' },
    });
  });

  it('414 for a path segment longer than any name can be', async () => {
    const answer = await rawRequest(houston.configUrl, get(`/configs/app/default/${'n'.repeat(300)}`));
    expect(answer.status).toBe(414);
    expect(answer.headers).toContain('content-type: application/json');
    expect(JSON.parse(answer.body)).toMatchObject({
      status: 414,
      code: 'URI_TOO_LONG',
      details: { reason: 'FST_ERR_MAX_PARAM_LENGTH' },
    });
  });

  it('serves a namespace name of the longest valid length (not 414)', async () => {
    const answer = await rawRequest(
      houston.configUrl,
      get(`/configs/app/default/${'n'.repeat(128)}.properties`),
    );
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('431 for headers over the size limit, and for a URL too long to parse', async () => {
    const headers = await rawRequest(
      houston.configUrl,
      get('/configs/app/default/application', `x-padding: ${'y'.repeat(32 * 1024)}\r\n`),
    );
    expect(headers.status).toBe(431);
    expect(headers.headers).toContain('content-type: application/json');
    expect(JSON.parse(headers.body)).toMatchObject({
      status: 431,
      code: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
      details: { reason: 'HPE_HEADER_OVERFLOW' },
    });

    const url = await rawRequest(
      houston.configUrl,
      get(`/configs/app/default/application?ip=${'1'.repeat(32 * 1024)}`),
    );
    expect(url.status).toBe(431);
    expect(JSON.parse(url.body)).toMatchObject({ status: 431, code: 'REQUEST_HEADER_FIELDS_TOO_LARGE' });
  });

  it('400 for a request line that is not HTTP', async () => {
    const answer = await rawRequest(houston.configUrl, 'GET /configs/app/default/application BOGUS\r\n\r\n');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
  });
});
