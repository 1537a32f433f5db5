/** What a client did with a release of one namespace. */
export type ReleaseStatus = 'applied' | 'rejected' | 'check_failed';

export interface StatusReport {
  namespaceName: string;
  releaseKey: string;
  status: ReleaseStatus;
  message: string;
}

/** At most this many reports go in one request (the server's bound). */
const MAX_BATCH = 100;

/**
 * Collects a client's release reports and sends them in batches (`POST /client-reports`): each
 * (namespace, release key, status) is sent once, a burst within `delayMs` is one request, and a
 * failed send is retried with the next report, never in a loop. A server that does not know the
 * route (an Apollo config-service) answers 404: reporting then stops.
 */
export class StatusReporter {
  private readonly sent = new Map<string, string>();
  private pending = new Map<string, StatusReport>();
  private timer?: ReturnType<typeof setTimeout>;
  private sending: Promise<void> = Promise.resolve();
  private unsupported = false;

  constructor(
    private readonly send: (reports: StatusReport[]) => Promise<'ok' | 'unsupported'>,
    private readonly delayMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  report(report: StatusReport): void {
    if (this.unsupported) return;
    const key = report.namespaceName;
    const fingerprint = `${report.releaseKey}|${report.status}`;
    if (this.sent.get(key) === fingerprint && !this.pending.has(key)) return;
    this.pending.set(key, { ...report, message: report.message.slice(0, 256) });
    this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
    this.timer.unref?.();
  }

  /** Sends what is pending now. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return this.sending;
    const batch = [...this.pending.values()].slice(0, MAX_BATCH);
    for (const report of batch) this.pending.delete(report.namespaceName);
    this.sending = this.sending.then(async () => {
      try {
        if ((await this.send(batch)) === 'unsupported') {
          this.unsupported = true;
          return;
        }
        for (const report of batch)
          this.sent.set(report.namespaceName, `${report.releaseKey}|${report.status}`);
      } catch (error) {
        this.onError(error);
      }
    });
    if (this.pending.size > 0) return this.sending.then(() => this.flush());
    return this.sending;
  }
}
