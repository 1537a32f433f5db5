/** What the retention job prunes; everything is kept while both are 0 (the default). */
export interface RetentionPolicy {
  /** Releases kept per namespace and branch, newest first (0: all). The active release and gray bases always stay. */
  keepReleases: number;
  /** Release histories, commits and audit rows older than this are deleted (0: never). */
  maxAgeMs: number;
  /** Pause between two passes. */
  intervalMs: number;
  /** Rows per transaction: small, so a pass never holds a lock for long. */
  batchSize: number;
}

export const RETENTION_OFF: RetentionPolicy = {
  keepReleases: 0,
  maxAgeMs: 0,
  intervalMs: 60 * 60 * 1000,
  batchSize: 500,
};

export function retentionEnabled(policy: RetentionPolicy): boolean {
  return policy.keepReleases > 0 || policy.maxAgeMs > 0;
}
