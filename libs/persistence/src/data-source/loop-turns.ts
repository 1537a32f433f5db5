import { performance } from 'node:perf_hooks';

/**
 * Turns of the event loop for work that never waits for I/O by itself. better-sqlite3 runs every
 * statement synchronously, so a request's whole chain of statements ran without giving the event
 * loop back, and requests that became ready together (bodies arriving in one read of the sockets,
 * worker replies delivered together) ran back to back: ninety hostile requests at once held the
 * admin-service's event loop, and `/health`, for 100–200 ms at a time.
 *
 * `pause()` lets the work go on while the current turn of the loop has run less than the budget.
 * Past it, the work waits. At the end of each turn (its check phase) the longest waiting is let
 * go and gets a fresh budget, which its next pauses share with work arriving in the next poll of
 * the sockets; then the loop goes round again: it reads its sockets, answers `/health` and serves
 * cheap requests between two budgets. Unhurried, a statement pays one clock read.
 */
export class LoopTurns {
  private turnStartedAt: number | undefined;
  private readonly waiting: Array<() => void> = [];
  private turnEndScheduled = false;

  constructor(
    readonly budgetMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Work waiting for a later turn (for tests and metrics). */
  get waitingCount(): number {
    return this.waiting.length;
  }

  /** `undefined`: go on now. A promise: go on when it resolves, in a later turn of the loop. */
  pause(): Promise<void> | undefined {
    const now = this.now();
    if (this.turnStartedAt === undefined) {
      this.turnStartedAt = now;
      this.scheduleTurnEnd();
    }
    if (now - this.turnStartedAt < this.budgetMs) return undefined;
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private scheduleTurnEnd(): void {
    if (this.turnEndScheduled) return;
    this.turnEndScheduled = true;
    setImmediate(this.endTurn);
  }

  /**
   * The check phase: this turn is over. The longest waiting work goes on with a fresh budget;
   * scheduled from the check phase, the next end of turn comes after the loop has polled again.
   */
  private readonly endTurn = (): void => {
    this.turnEndScheduled = false;
    const next = this.waiting.shift();
    if (!next) {
      this.turnStartedAt = undefined;
      return;
    }
    this.turnStartedAt = this.now();
    this.scheduleTurnEnd();
    next();
  };
}
