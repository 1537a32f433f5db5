/** Something readiness depends on, e.g. the database answering `SELECT 1`. */
export interface HealthCheck {
  name: string;
  /** Resolves true when healthy; false, a rejection or no answer in time all count as down. */
  check(): Promise<boolean>;
}

export type CheckStatus = 'UP' | 'DOWN';

/** Runs every check at once, each bounded by `timeoutMs`. */
export async function runHealthChecks(
  checks: readonly HealthCheck[],
  timeoutMs: number,
): Promise<Record<string, CheckStatus>> {
  const results = await Promise.all(checks.map((check) => runOne(check, timeoutMs)));
  return Object.fromEntries(checks.map((check, i) => [check.name, results[i]]));
}

async function runOne(check: HealthCheck, timeoutMs: number): Promise<CheckStatus> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<CheckStatus>((resolve) => {
    timer = setTimeout(() => resolve('DOWN'), timeoutMs);
    timer.unref?.();
  });
  try {
    const answered = Promise.resolve()
      .then(() => check.check())
      .then(
        (ok): CheckStatus => (ok === true ? 'UP' : 'DOWN'),
        (): CheckStatus => 'DOWN',
      );
    return await Promise.race([answered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
