import { setImmediate as nextCheckPhase } from 'node:timers/promises';
import { LoopTurns } from './loop-turns';

/** A clock the test moves by hand: the budget is judged on it, never on real time. */
function manualClock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('LoopTurns', () => {
  it('lets work go on at once while the turn is within its budget', () => {
    const clock = manualClock();
    const turns = new LoopTurns(10, clock.now);
    expect(turns.pause()).toBeUndefined();
    clock.advance(9);
    expect(turns.pause()).toBeUndefined();
    expect(turns.waitingCount).toBe(0);
  });

  it('past the budget, work waits for a later turn and the waiting are let go in arrival order, one per turn', async () => {
    const clock = manualClock();
    const turns = new LoopTurns(10, clock.now);
    const log: string[] = [];
    expect(turns.pause()).toBeUndefined();
    clock.advance(10);
    for (const name of ['a', 'b', 'c']) void turns.pause()!.then(() => log.push(name));
    expect(turns.waitingCount).toBe(3);
    // Another callback of each turn's check phase, to see the turns go by.
    let stop = false;
    void (async () => {
      while (!stop) {
        log.push('turn');
        await nextCheckPhase();
      }
    })();
    while (turns.waitingCount > 0) await nextCheckPhase();
    await nextCheckPhase();
    stop = true;
    const released = log.filter((entry) => entry !== 'turn');
    expect(released).toEqual(['a', 'b', 'c']);
    // Each let go in a turn of its own: the loop went round between them.
    const between = (from: string, to: string) => log.slice(log.indexOf(from) + 1, log.indexOf(to));
    expect(between('a', 'b')).toContain('turn');
    expect(between('b', 'c')).toContain('turn');
  });

  it('the work let go at the end of a turn goes on through its next pauses within a fresh budget', async () => {
    const clock = manualClock();
    const turns = new LoopTurns(10, clock.now);
    turns.pause();
    clock.advance(10);
    const log: string[] = [];
    const chain = async (name: string) => {
      await turns.pause();
      log.push(`${name} 1`);
      clock.advance(4);
      await turns.pause();
      log.push(`${name} 2`);
      clock.advance(4);
      await turns.pause();
      log.push(`${name} 3`);
    };
    const both = Promise.all([chain('a'), chain('b')]);
    await both;
    // a ran its three steps in one budget (8 ms) before b was let go.
    expect(log).toEqual(['a 1', 'a 2', 'a 3', 'b 1', 'b 2', 'b 3']);
  });

  it('once nothing waits, the next turn starts with a fresh budget', async () => {
    const clock = manualClock();
    const turns = new LoopTurns(10, clock.now);
    turns.pause();
    clock.advance(50);
    await nextCheckPhase();
    await nextCheckPhase();
    expect(turns.pause()).toBeUndefined();
  });

  it('new work is admitted like paused work, but past the budget it is let go after all paused work', async () => {
    const clock = manualClock();
    const turns = new LoopTurns(10, clock.now);
    expect(turns.admit()).toBeUndefined();
    clock.advance(10);
    const log: string[] = [];
    void turns.admit()!.then(() => log.push('new request'));
    void turns.pause()!.then(() => log.push('statement 1'));
    void turns.pause()!.then(() => log.push('statement 2'));
    expect(turns.waitingCount).toBe(3);
    // Each let go spends its whole fresh budget: the next waits for the turn after.
    while (turns.waitingCount > 0) {
      await nextCheckPhase();
      clock.advance(10);
    }
    await nextCheckPhase();
    expect(log).toEqual(['statement 1', 'statement 2', 'new request']);
  });
});
