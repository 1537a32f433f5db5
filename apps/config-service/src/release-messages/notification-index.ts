import type { ReleaseMessage } from './release-message';

/**
 * The newest notification id of every message key this instance has seen: what a long poll
 * compares the client's ids against, without touching the database.
 */
export class NotificationIndex {
  private readonly latest = new Map<string, number>();

  seed(entries: Map<string, number>): void {
    for (const [key, id] of entries) this.record({ message: key, id });
  }

  record({ message, id }: ReleaseMessage): void {
    const known = this.latest.get(message);
    if (known === undefined || id > known) this.latest.set(message, id);
  }

  latestId(key: string): number | undefined {
    return this.latest.get(key);
  }
}
