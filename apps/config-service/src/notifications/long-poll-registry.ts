import type { ReleaseMessage } from '../release-messages/release-message-bus';

/** How many held polls are answered per turn of the event loop. */
const WAKE_SLICE = 500;

export interface NotificationResponse {
  namespaceName: string;
  notificationId: number;
  messages: { details: Record<string, number> };
}

/** A held long poll: the keys it watches, and the namespace name the client used for each key. */
export interface LongPollWaiter {
  namespaceByKey: ReadonlyMap<string, string>;
  /**
   * The notification id the client already has for each key's namespace: a message it has seen
   * (it heard of it from another instance first) does not wake it again.
   */
  knownIdByKey?: ReadonlyMap<string, number>;
  /**
   * Present for clients under gray rules: whether a message changed their answer (a gray release
   * changes it only for the clients its rules pick). Without it every watcher of the key wakes.
   */
  shouldWake?: (message: ReleaseMessage) => Promise<boolean>;
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

  hold(waiter: LongPollWaiter, timeoutMs: number): () => void {
    if (this.closed) {
      // Shutting down: a poll arriving now is answered at once, not held past the server's end.
      queueMicrotask(() => waiter.complete(null));
      return () => undefined;
    }
    const held: Held = {
      waiter,
      timer: setTimeout(() => this.finish(held, null), timeoutMs),
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
    let woken = 0;
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
    const wake = (held: Held): boolean => {
      if ((held.waiter.knownIdByKey?.get(message) ?? -1) >= id) return false;
      const { shouldWake } = held.waiter;
      if (shouldWake) {
        shouldWake({ id, message }).then(
          (yes) => yes && this.finish(held, bodyFor(held)),
          () => this.finish(held, bodyFor(held)), // when in doubt, let the client look
        );
        return false;
      }
      this.finish(held, bodyFor(held));
      return true;
    };
    const all = [...set];
    for (const held of all.slice(0, WAKE_SLICE)) if (wake(held)) woken++;
    // A large fan-out is answered a slice per turn of the event loop, so the woken clients'
    // follow-up reads are served in between instead of queueing behind every wake-up.
    for (let start = WAKE_SLICE; start < all.length; start += WAKE_SLICE) {
      const slice = all.slice(start, start + WAKE_SLICE);
      woken += slice.length;
      setImmediate(() => slice.forEach(wake));
    }
    return woken;
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

  private finish(held: Held, body: Buffer | null): void {
    if (!this.remove(held)) return;
    held.waiter.complete(body);
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
