import { throttledWarning } from './throttled-warning';

describe('throttledWarning', () => {
  function setUp() {
    let clock = 0;
    const lines: Array<{ fields: Record<string, unknown>; context: unknown }> = [];
    const warn = throttledWarning(
      { warn: (fields, context) => lines.push({ fields: fields as Record<string, unknown>, context }) },
      { context: 'Redis', msg: 'redis unreachable', intervalMs: 1_000, now: () => clock },
    );
    return { warn, lines, advance: (ms: number) => (clock += ms) };
  }

  it('writes the first failure at once, structured, under its context', () => {
    const { warn, lines } = setUp();
    warn(new Error('connect ECONNREFUSED'), { connection: 'subscriber' });
    expect(lines).toEqual([
      {
        fields: {
          msg: 'redis unreachable',
          connection: 'subscriber',
          error: 'Error: connect ECONNREFUSED',
          suppressed: 0,
        },
        context: 'Redis',
      },
    ]);
  });

  it('writes at most one line per interval and counts the ones it left out', () => {
    const { warn, lines, advance } = setUp();
    for (let attempt = 0; attempt < 50; attempt++) {
      warn(new Error(`attempt ${attempt}`));
      advance(50);
    }
    // 50 failures over 2.5 s: at 0 ms, 1000 ms and 2000 ms.
    expect(lines.map((line) => line.fields['error'])).toEqual([
      'Error: attempt 0',
      'Error: attempt 20',
      'Error: attempt 40',
    ]);
    expect(lines.map((line) => line.fields['suppressed'])).toEqual([0, 19, 19]);
  });
});
