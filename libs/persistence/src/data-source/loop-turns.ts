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
 *
 * `admit()` is the same for new work (a request about to be handled once its body has arrived):
 * past the budget it waits too, behind the work already under way, so that a turn never starts
 * more requests than fit in it and the requests already started finish first. One instance for
 * the process (`eventLoopTurns`): the loop is one, and so is its budget.
 */
export class LoopTurns {
  private turnStartedAt: number | undefined;
  private readonly waiting: Array<() => void> = [];
  private readonly admissions: Array<() => void> = [];
  private turnEndScheduled = false;

  constructor(
    readonly budgetMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Work waiting for a later turn (for tests and metrics). */
  get waitingCount(): number {
    return this.waiting.length + this.admissions.length;
  }

  /** `undefined`: go on now. A promise: go on when it resolves, in a later turn of the loop. */
  pause(): Promise<void> | undefined {
    return this.withinBudget() ? undefined : new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** As `pause`, for new work: past the budget it is let go after all paused work. */
  admit(): Promise<void> | undefined {
    return this.withinBudget() ? undefined : new Promise<void>((resolve) => this.admissions.push(resolve));
  }

  private withinBudget(): boolean {
    const now = this.now();
    if (this.turnStartedAt === undefined) {
      this.turnStartedAt = now;
      this.scheduleTurnEnd();
    }
    return now - this.turnStartedAt < this.budgetMs;
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
    const next = this.waiting.shift() ?? this.admissions.shift();
    if (!next) {
      this.turnStartedAt = undefined;
      return;
    }
    this.turnStartedAt = this.now();
    this.scheduleTurnEnd();
    next();
  };
}

/**
 * How long the event loop may run work in one turn before the next piece waits for a later turn:
 * well under the 50 ms a request may hold the loop, long enough that an unhurried server never
 * waits.
 */
export const EVENT_LOOP_TURN_BUDGET_MS = 10;

/** The process's turns: SQLite statements pause on it, request handling is admitted by it. */
export const eventLoopTurns = new LoopTurns(EVENT_LOOP_TURN_BUDGET_MS);
