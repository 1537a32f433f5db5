/** A clock that moves only when told to, for expiry tests without real waiting. */
export class ManualClock {
  private current: number;

  constructor(start: Date | number = Date.UTC(2024, 0, 1)) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  /** Bound, so it can be handed over as a `now` option directly. */
  readonly now = (): Date => new Date(this.current);

  advance(ms: number): void {
    this.current += ms;
  }
}
