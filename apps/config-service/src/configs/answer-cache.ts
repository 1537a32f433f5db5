interface Answer<V> {
  value: V;
  dependsOn: readonly string[];
  expiresAt: number;
}

/**
 * Finished answers by request shape, so that a read whose inputs are all in memory is a map
 * lookup and nothing else. An answer goes when a release message names one of the keys it was
 * built from, and after `ttlMs` at the latest (what it was built from includes namespace
 * definitions, which no message announces).
 */
export class AnswerCache<V> {
  private readonly answers = new Map<string, Answer<V>>();
  /** Which answers each message key feeds. */
  private readonly byDependency = new Map<string, Set<string>>();
  private drops = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 100_000,
    private readonly clock: () => number = Date.now,
  ) {}

  get(shape: string): V | undefined {
    const answer = this.answers.get(shape);
    if (!answer) return undefined;
    if (answer.expiresAt > this.clock()) return answer.value;
    this.delete(shape, answer);
    return undefined;
  }

  /**
   * A token to pass to `set`: an answer built while a message arrived may be built from what that
   * message replaced, so it is not kept.
   */
  version(): number {
    return this.drops;
  }

  set(shape: string, value: V, dependsOn: readonly string[], builtAt: number): void {
    if (builtAt !== this.drops) return;
    const known = this.answers.get(shape);
    if (known) this.delete(shape, known);
    else if (this.answers.size >= this.maxEntries) {
      const [oldest, answer] = this.answers.entries().next().value!;
      this.delete(oldest, answer);
    }
    this.answers.set(shape, { value, dependsOn, expiresAt: this.clock() + this.ttlMs });
    for (const key of dependsOn) {
      let shapes = this.byDependency.get(key);
      if (!shapes) this.byDependency.set(key, (shapes = new Set()));
      shapes.add(shape);
    }
  }

  /** A release message for `key`: every answer built from it goes. */
  drop(key: string): void {
    this.drops++;
    const shapes = this.byDependency.get(key);
    if (!shapes) return;
    for (const shape of [...shapes]) {
      const answer = this.answers.get(shape);
      if (answer) this.delete(shape, answer);
    }
  }

  get size(): number {
    return this.answers.size;
  }

  private delete(shape: string, answer: Answer<V>): void {
    this.answers.delete(shape);
    for (const key of answer.dependsOn) {
      const shapes = this.byDependency.get(key);
      if (!shapes) continue;
      shapes.delete(shape);
      if (shapes.size === 0) this.byDependency.delete(key);
    }
  }
}
