import { createHash } from 'node:crypto';
import { DomainError } from '../errors/domain-error';

/**
 * What a release would publish, in one short string: the SHA-256 of the configuration (keys in
 * code-unit order, values as stored). Two reads with the same fingerprint publish the same thing;
 * an edit undone again gives the fingerprint back.
 */
export function configurationFingerprint(configurations: Record<string, string>): string {
  const keys = Object.keys(configurations).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = JSON.stringify(keys.map((key) => [key, configurations[key]]));
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** "Publish only if unchanged": the state a caller checked, which the release must still be on. */
export interface ReleasePrecondition {
  /** The active release the change set was measured against (0: none yet). */
  expectedBaseReleaseId?: number;
  /** `configurationFingerprint` of the items the caller reviewed. */
  expectedFingerprint?: string;
}

/**
 * Refuses (409 `RELEASE_PRECONDITION_FAILED`) a release whose namespace moved since the caller
 * looked: another release or rollback changed the base, or the items differ from what was checked.
 */
export function checkReleasePrecondition(
  expected: ReleasePrecondition,
  actual: { baseReleaseId: number; configurations: Record<string, string> },
): void {
  const moved: string[] = [];
  if (
    expected.expectedBaseReleaseId !== undefined &&
    expected.expectedBaseReleaseId !== actual.baseReleaseId
  ) {
    moved.push('baseReleaseId');
  }
  const fingerprint =
    expected.expectedFingerprint === undefined ? undefined : configurationFingerprint(actual.configurations);
  if (fingerprint !== undefined && fingerprint !== expected.expectedFingerprint) moved.push('fingerprint');
  if (moved.length === 0) return;
  throw new DomainError(
    'RELEASE_PRECONDITION_FAILED',
    `the namespace changed since it was checked (${moved.join(' and ')}); nothing was published`,
    {
      moved,
      expectedBaseReleaseId: expected.expectedBaseReleaseId ?? null,
      baseReleaseId: actual.baseReleaseId,
      expectedFingerprint: expected.expectedFingerprint ?? null,
      fingerprint: fingerprint ?? null,
    },
  );
}

/**
 * What a release's checks (validation hooks, the schema) approved must be what it publishes: an
 * edit that landed while they were asked is refused with 409 `CONCURRENT_MODIFICATION`, and `retry`
 * tells the caller what to do again. Compared key by key, so the order items were read in does
 * not matter.
 */
export function assertUnchangedSinceChecked(
  checked: Record<string, string>,
  now: Record<string, string>,
  details: Record<string, unknown>,
  retry: string,
): void {
  if (sameConfigurations(checked, now)) return;
  throw new DomainError(
    'CONCURRENT_MODIFICATION',
    `the items changed while the release was checked; ${retry}`,
    details,
  );
}

/** The same keys with the same values, whatever order either was built in. */
function sameConfigurations(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key]);
}
