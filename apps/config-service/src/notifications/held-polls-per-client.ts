/**
 * How many long polls each client address holds at once. One address could otherwise hold any
 * number (5,000 were tried; only the file limit stopped it), each a socket and a timer. Past the
 * cap the poll is answered 429: Apollo's clients back off and poll again.
 */
export class HeldPollsPerClient {
  private readonly held = new Map<string, number>();

  /** @param limit most polls one address may hold (0 = no cap) */
  constructor(private readonly limit: number) {}

  /** Takes a slot for `client`; the returned release may be called any number of times. */
  acquire(client: string): (() => void) | undefined {
    const count = this.held.get(client) ?? 0;
    if (this.limit > 0 && count >= this.limit) return undefined;
    this.held.set(client, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.held.get(client) ?? 1) - 1;
      if (left > 0) this.held.set(client, left);
      else this.held.delete(client);
    };
  }

  heldBy(client: string): number {
    return this.held.get(client) ?? 0;
  }
}
