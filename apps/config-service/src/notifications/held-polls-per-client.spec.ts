import { HeldPollsPerClient } from './held-polls-per-client';

describe('HeldPollsPerClient', () => {
  it('lets each address hold up to the limit, and frees a slot once per release', () => {
    const polls = new HeldPollsPerClient(2);
    const first = polls.acquire('10.0.0.1')!;
    const second = polls.acquire('10.0.0.1')!;
    expect(polls.acquire('10.0.0.1')).toBeUndefined();
    expect(polls.acquire('10.0.0.2')).toBeDefined();
    first();
    first();
    expect(polls.heldBy('10.0.0.1')).toBe(1);
    expect(polls.acquire('10.0.0.1')).toBeDefined();
    second();
    expect(polls.heldBy('10.0.0.1')).toBe(1);
  });

  it('has no cap at 0', () => {
    const polls = new HeldPollsPerClient(0);
    for (let i = 0; i < 10_000; i++) expect(polls.acquire('10.0.0.1')).toBeDefined();
  });
});
