import { DomainError } from '@houston/domain';
import { WorkerJsonBodyParser } from './worker-json-body-parser';

// Runs the built worker (dist/), like the servers do: `npm run build` first.

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the body to be refused');
}

describe('WorkerJsonBodyParser', () => {
  let parser: WorkerJsonBodyParser | undefined;
  afterEach(async () => {
    await parser?.close();
    parser = undefined;
  });

  it('parses bodies on the worker and answers each with its own value', async () => {
    parser = new WorkerJsonBodyParser();
    const bodies = Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: 'v'.repeat(100_000 + i) }));
    const parsed = await Promise.all(bodies.map((body) => parser!.parse(Buffer.from(JSON.stringify(body)))));
    expect(parsed).toEqual(bodies);
    expect(parser.queued).toEqual({ bodies: 0, bytes: 0 });
  });

  it('refuses with the same problems as the parser on the event loop', async () => {
    parser = new WorkerJsonBodyParser();
    const wide: Record<string, string> = {};
    for (let i = 0; i < 80_000; i++) wide[`extra${i}`] = 'x';
    expect((await refusal(parser.parse(Buffer.from(JSON.stringify(wide))))).details).toEqual({
      reason: 'TOO_MANY_PROPERTIES',
      limit: 100,
    });
    const deep = `{"a":${'['.repeat(5_000)}${']'.repeat(5_000)}}`;
    expect((await refusal(parser.parse(Buffer.from(deep)))).details).toEqual({
      reason: 'TOO_DEEP',
      limit: 32,
    });
    const invalid = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    expect((await refusal(parser.parse(invalid))).details).toEqual({ reason: 'INVALID_UTF8' });
    expect((await refusal(parser.parse(Buffer.from('{"__proto__":{"admin":true}}')))).code).toBe(
      'BAD_REQUEST',
    );
    // The worker is still there after refusals.
    await expect(parser.parse(Buffer.from('{"a":1}'))).resolves.toEqual({ a: 1 });
  });

  it('takes the bytes of a Buffer that shares its memory without disturbing the rest', async () => {
    parser = new WorkerJsonBodyParser();
    const shared = Buffer.from(`{"a":1}{"b":2}`);
    await expect(parser.parse(shared.subarray(0, 7))).resolves.toEqual({ a: 1 });
    expect(shared.toString()).toBe('{"a":1}{"b":2}');
  });

  it('answers 503 with Retry-After beyond the queued-bytes bound, and takes bodies again once it drains', async () => {
    parser = new WorkerJsonBodyParser({ maxQueuedBytes: 1_000_000 });
    const body = () => Buffer.from(JSON.stringify({ value: 'v'.repeat(400_000) }));
    const first = parser.parse(body());
    const second = parser.parse(body());
    const refused = await refusal(parser.parse(body()));
    expect(refused.code).toBe('UNAVAILABLE');
    expect(refused.details).toEqual({ retryAfterSeconds: 1 });
    await Promise.all([first, second]);
    await expect(parser.parse(body())).resolves.toEqual({ value: 'v'.repeat(400_000) });
  });

  it('refuses what is still queued when it is closed', async () => {
    parser = new WorkerJsonBodyParser();
    const pending = refusal(parser.parse(Buffer.from(JSON.stringify({ value: 'v'.repeat(1_000_000) }))));
    await parser.close();
    expect((await pending).code).toBe('UNAVAILABLE');
    expect((await refusal(parser.parse(Buffer.from('{}')))).code).toBe('UNAVAILABLE');
  });
});
