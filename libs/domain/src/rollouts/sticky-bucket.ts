import { createHash } from 'node:crypto';

/** Buckets per percent: a percentage has at most two decimals, so 10,000 buckets cover it exactly. */
const BUCKETS = 10_000;

/**
 * Where a client falls in `[0, 100)`, in steps of 0.01: SHA-256 of the salt (the gray branch, one
 * per rollout), the client's app id (as its lower case, since app ids match ignoring case) and its
 * identity (the IP it reports, else the connection's address). The same client always lands in
 * the same bucket of a rollout, so it never flips between releases, and a wider percentage only
 * adds clients: bucket < 10 implies bucket < 50. Another rollout (another salt) picks other clients.
 */
export function stickyBucket(salt: string, clientAppId: string, identity: string): number {
  const digest = createHash('sha256')
    .update(`${salt}\u0000${clientAppId.toLowerCase()}\u0000${identity}`)
    .digest();
  return (digest.readUInt32BE(0) % BUCKETS) / 100;
}

/** Whether a client's bucket is inside `percentage` (0–100): 0 admits nobody, 100 everyone. */
export function inPercentage(bucket: number, percentage: number): boolean {
  // Compared in hundredths, where both are whole numbers: no floating-point edge.
  return Math.round(bucket * 100) < Math.round(percentage * 100);
}

/** A percentage of a rollout step or rule: a number from 0 to 100 with at most two decimals. */
export function isValidPercentage(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= 0 &&
    value <= 100 &&
    Math.abs(Math.round(value * 100) - value * 100) < 1e-9
  );
}
