import type { SignatureVerdict } from '@houston/domain';

export interface ObservedMismatch {
  appId: string;
  /** Why the request would have been refused in FILTER mode. */
  reason: Exclude<SignatureVerdict, 'ok'>;
  path: string;
  /** Mismatches of this app not logged since the previous line. */
  suppressed: number;
}

const MAX_APPS_TRACKED = 10_000;

/**
 * Reports requests an OBSERVER key would have refused, at most one line per app per
 * `intervalMs` (the ones in between are counted in the next line's `suppressed`): a fleet of
 * unsigned clients must not flood the log.
 */
export class ObservedMismatches {
  private readonly byApp = new Map<string, { loggedAt: number; suppressed: number }>();

  constructor(
    private readonly report: (mismatch: ObservedMismatch) => void,
    private readonly intervalMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  record(appId: string, reason: ObservedMismatch['reason'], pathWithQuery: string): void {
    const now = this.clock();
    const seen = this.byApp.get(appId);
    if (seen && now - seen.loggedAt < this.intervalMs) {
      seen.suppressed++;
      return;
    }
    if (!seen && this.byApp.size >= MAX_APPS_TRACKED) this.byApp.clear();
    this.byApp.set(appId, { loggedAt: now, suppressed: 0 });
    const query = pathWithQuery.indexOf('?');
    this.report({
      appId,
      reason,
      path: query === -1 ? pathWithQuery : pathWithQuery.slice(0, query),
      suppressed: seen?.suppressed ?? 0,
    });
  }
}
