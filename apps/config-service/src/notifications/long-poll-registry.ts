import type { ReleaseMessage } from '../release-messages/release-message';

/** How many held polls are answered per turn of the event loop. */
const WAKE_SLICE = 500;

export interface NotificationResponse {
  namespaceName: string;
  notificationId: number;
  messages: { details: Record<string, number> };
}

/**
 * A held long poll: the keys it watches, and the namespace name the client used for each key.
 * Every message of a watched key wakes it: what the client gets may depend on its IP and label,
 * which a long poll need not carry, so the client re-reads `/configs` to find out (as in Apollo).
 */
export interface LongPollWaiter {
  namespaceByKey: ReadonlyMap<string, string>;
  /** Called once: with the encoded JSON body to send (200), or with null (304: nothing changed). */
  complete(body: Buffer | null): void;
}

interface Held {
  waiter: LongPollWaiter;
  timer: NodeJS.Timeout;
}

/**
 * Held long polls, indexed by watched key so a release message touches only the clients that
 * watch it. The response body for a message is serialised once per namespace spelling, not once
 * per client.
 */
export class LongPollRegistry {
  private readonly byKey = new Map<string, Set<Held>>();
  private heldCount = 0;
  private closed = false;
  /** Since start: polls answered because a release message woke them, and after their full hold. */
  readonly stats = { woken: 0, timedOut: 0 };

  hold(waiter: LongPollWaiter, timeoutMs: number): () => void {
    if (this.closed) {
      // Shutting down: a poll arriving now is answered at once, not held past the server's end.
      queueMicrotask(() => waiter.complete(null));
      return () => undefined;
    }
    const held: Held = {
      waiter,
      timer: setTimeout(() => {
        if (this.finish(held, null)) this.stats.timedOut++;
      }, timeoutMs),
    };
    for (const key of waiter.namespaceByKey.keys()) {
      let set = this.byKey.get(key);
      if (!set) this.byKey.set(key, (set = new Set()));
      set.add(held);
    }
    this.heldCount++;
    // Returned to the caller to drop the poll when the client goes away first.
    return () => this.remove(held);
  }

  get size(): number {
    return this.heldCount;
  }

  notify({ id, message }: ReleaseMessage): number {
    const set = this.byKey.get(message);
    if (!set || set.size === 0) return 0;
    const bodies = new Map<string, Buffer>();
    const bodyFor = (held: Held) => {
      const namespaceName = held.waiter.namespaceByKey.get(message) ?? message;
      let body = bodies.get(namespaceName);
      if (body === undefined) {
        const response: NotificationResponse[] = [
          { namespaceName, notificationId: id, messages: { details: { [message]: id } } },
        ];
        body = Buffer.from(JSON.stringify(response));
        bodies.set(namespaceName, body);
      }
      return body;
    };
    const wake = (held: Held) => {
      if (this.finish(held, bodyFor(held))) this.stats.woken++;
    };
    const all = [...set];
    all.slice(0, WAKE_SLICE).forEach(wake);
    // A large fan-out is answered a slice per turn of the event loop, so the woken clients'
    // follow-up reads are served in between instead of queueing behind every wake-up.
    for (let start = WAKE_SLICE; start < all.length; start += WAKE_SLICE) {
      const slice = all.slice(start, start + WAKE_SLICE);
      setImmediate(() => slice.forEach(wake));
    }
    return all.length;
  }

  /**
   * Answers every held poll with 304 and every later one at once (graceful shutdown): clients
   * simply poll again, elsewhere.
   */
  releaseAll(): number {
    this.closed = true;
    const all = new Set<Held>();
    for (const set of this.byKey.values()) for (const held of set) all.add(held);
    for (const held of all) this.finish(held, null);
    return all.size;
  }

  private finish(held: Held, body: Buffer | null): boolean {
    if (!this.remove(held)) return false;
    held.waiter.complete(body);
    return true;
  }

  private remove(held: Held): boolean {
    let removed = false;
    for (const key of held.waiter.namespaceByKey.keys()) {
      const set = this.byKey.get(key);
      if (set?.delete(held)) {
        removed = true;
        if (set.size === 0) this.byKey.delete(key);
      }
    }
    if (removed) {
      clearTimeout(held.timer);
      this.heldCount--;
    }
    return removed;
  }
}
