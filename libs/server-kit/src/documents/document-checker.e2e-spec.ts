import { DomainError } from '@houston/domain';
import { WorkerDocumentChecker } from './document-checker';

// Runs the built worker (dist/), like the servers do: `npm run build` first.

async function refusal(promise: Promise<void>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the document to be refused');
}

/** A yaml sequence of about `bytes` characters: valid, and slow to parse. */
function bigYaml(bytes: number): string {
  return '- item\n'.repeat(Math.ceil(bytes / 7));
}

describe('WorkerDocumentChecker', () => {
  let checker: WorkerDocumentChecker | undefined;
  afterEach(async () => {
    await checker?.close();
    checker = undefined;
  });

  it('accepts valid documents and refuses invalid ones with the line and column', async () => {
    checker = new WorkerDocumentChecker({ timeoutMs: 30_000 });
    await expect(checker.check('yaml', 'a: 1\nb: [x, y]\n')).resolves.toBeUndefined();
    await expect(checker.check('json', '{"a": 1}')).resolves.toBeUndefined();
    const error = await refusal(checker.check('json', '{"a": 1,\n "a": 2}'));
    expect(error.code).toBe('INVALID_DOCUMENT');
    expect(error.details).toMatchObject({ format: 'json', line: 2, column: 2 });
    expect((await refusal(checker.check('yaml', '['.repeat(1_000_000)))).details).toMatchObject({
      line: 1,
      column: 51,
    });
  });

  it('answers 413 when a document uses up the time budget, and goes on with a fresh worker', async () => {
    checker = new WorkerDocumentChecker({ timeoutMs: 100 });
    const error = await refusal(checker.check('yaml', bigYaml(4 * 1024 * 1024)));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.details).toMatchObject({ budget: 'time' });
    await expect(checker.check('yaml', 'a: 1\n')).resolves.toBeUndefined();
  });

  it('answers 413 when a document needs more memory than the worker may have', async () => {
    // 16 MiB: the worker also loads the JSON Schema checker (ajv) at start, which 8 MiB no longer holds.
    checker = new WorkerDocumentChecker({ timeoutMs: 120_000, maxHeapMb: 16 });
    const error = await refusal(checker.check('yaml', bigYaml(8 * 1024 * 1024)));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.details).toMatchObject({ budget: 'memory' });
    await expect(checker.check('yaml', 'a: 1\n')).resolves.toBeUndefined();
  });

  it('refuses with 503 beyond the queue it keeps', async () => {
    // The three calls are made before the new worker is up: the first two wait, the third is refused.
    checker = new WorkerDocumentChecker({ timeoutMs: 30_000, maxQueue: 2 });
    const first = checker.check('yaml', bigYaml(64 * 1024));
    const second = checker.check('yaml', 'a: 1\n');
    expect((await refusal(checker.check('yaml', 'b: 2\n'))).code).toBe('UNAVAILABLE');
    await expect(Promise.all([first, second])).resolves.toEqual([undefined, undefined]);
  });

  it('keeps the event loop free while a large document is parsed', async () => {
    checker = new WorkerDocumentChecker({ timeoutMs: 60_000 });
    let last = performance.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 5);
    try {
      await checker.check('yaml', bigYaml(512 * 1024));
    } finally {
      clearInterval(ticker);
    }
    // Parsing this on the event loop takes seconds; here the loop only ever waits for the copy.
    expect(longestGap).toBeLessThan(500);
  }, 60_000);
});
