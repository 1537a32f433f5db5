import { LongPollRegistry } from './long-poll-registry';

function waiter(keys: Record<string, string>) {
  const results: Array<string | null> = [];
  return {
    results,
    waiter: {
      namespaceByKey: new Map(Object.entries(keys)),
      complete: (body: Buffer | null) => results.push(body === null ? null : body.toString()),
    },
  };
}

describe('LongPollRegistry', () => {
  afterEach(() => jest.useRealTimers());

  it('wakes only the polls watching the released key, with the namespace as each client spelt it', () => {
    const registry = new LongPollRegistry();
    const a = waiter({ 'app+default+application': 'application' });
    const b = waiter({ 'app+default+application': 'Application.properties', 'app+default+other': 'other' });
    const c = waiter({ 'app+default+other': 'other' });
    registry.hold(a.waiter, 60_000);
    registry.hold(b.waiter, 60_000);
    registry.hold(c.waiter, 60_000);

    expect(registry.notify({ id: 7, message: 'app+default+application' })).toBe(2);
    expect(JSON.parse(a.results[0]!)).toEqual([
      {
        namespaceName: 'application',
        notificationId: 7,
        messages: { details: { 'app+default+application': 7 } },
      },
    ]);
    expect(JSON.parse(b.results[0]!)[0].namespaceName).toBe('Application.properties');
    expect(c.results).toEqual([]);
    expect(registry.size).toBe(1);
    registry.releaseAll();
  });

  it('wakes every poll of the key, whatever id it holds: its answer may depend on what it did not send', () => {
    const registry = new LongPollRegistry();
    const polls = [
      waiter({ 'app+default+application': 'application' }),
      waiter({ 'app+default+application': 'application' }),
    ];
    polls.forEach((poll) => registry.hold(poll.waiter, 60_000));
    expect(registry.notify({ id: 7, message: 'app+default+application' })).toBe(2);
    expect(polls.map((poll) => poll.results.length)).toEqual([1, 1]);
  });

  it('answers a large fan-out a slice at a time, every poll once', async () => {
    const registry = new LongPollRegistry();
    const polls = Array.from({ length: 1200 }, () => waiter({ 'app+default+application': 'application' }));
    polls.forEach((poll) => registry.hold(poll.waiter, 60_000));
    expect(registry.notify({ id: 9, message: 'app+default+application' })).toBe(1200);
    expect(polls.filter((poll) => poll.results.length > 0)).toHaveLength(500);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(polls.every((poll) => poll.results.length === 1)).toBe(true);
    expect(registry.size).toBe(0);
  });

  it('answers each poll once even when two of its keys change', () => {
    const registry = new LongPollRegistry();
    const b = waiter({ 'app+dc1+application': 'application', 'app+default+application': 'application' });
    registry.hold(b.waiter, 60_000);
    registry.notify({ id: 1, message: 'app+dc1+application' });
    registry.notify({ id: 2, message: 'app+default+application' });
    expect(b.results).toHaveLength(1);
  });

  it('answers 304 (null) at the hold timeout', () => {
    jest.useFakeTimers();
    const registry = new LongPollRegistry();
    const a = waiter({ k: 'application' });
    registry.hold(a.waiter, 1_000);
    jest.advanceTimersByTime(999);
    expect(a.results).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(a.results).toEqual([null]);
    expect(registry.size).toBe(0);
  });

  it('forgets a poll whose client went away', () => {
    const registry = new LongPollRegistry();
    const a = waiter({ k: 'application' });
    const drop = registry.hold(a.waiter, 60_000);
    drop();
    expect(registry.notify({ id: 1, message: 'k' })).toBe(0);
    expect(a.results).toEqual([]);
  });

  it('releases every held poll with 304 on shutdown', () => {
    const registry = new LongPollRegistry();
    const polls = [waiter({ a: 'x' }), waiter({ b: 'y' }), waiter({ a: 'x', b: 'y' })];
    for (const p of polls) registry.hold(p.waiter, 60_000);
    expect(registry.releaseAll()).toBe(3);
    expect(polls.map((p) => p.results)).toEqual([[null], [null], [null]]);
  });
});
