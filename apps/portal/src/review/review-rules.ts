/**
 * The review rules as plain functions (no framework, no database).
 */

export type ReviewStatus = 'PENDING' | 'PUBLISHING' | 'PUBLISHED' | 'REJECTED' | 'STALE' | 'WITHDRAWN';

export interface KeyValue {
  key: string;
  value: string;
}
export interface ModifiedKey {
  key: string;
  oldValue: string;
  newValue: string;
}
/** What publishing would change: the admin-service's `unreleased-changes`. */
export interface Changes {
  added: KeyValue[];
  modified: ModifiedKey[];
  deleted: KeyValue[];
}

/**
 * Whether a release of `appId` in `env` needs review: the app's own choice for that environment
 * when it made one, else whether the environment is one of `HOUSTON_PORTAL_REVIEW_ENVS`.
 */
export function reviewRequired(env: string, reviewEnvs: readonly string[], appChoice?: boolean): boolean {
  return appChoice ?? reviewEnvs.includes(env);
}

/** Emergency publish (no review) is allowed only in the environments named for it. */
export function emergencyPublishAllowed(env: string, emergencyEnvs: readonly string[]): boolean {
  return emergencyEnvs.includes(env);
}

/**
 * The same change set in one spelling (keys sorted), so two reads of it compare equal whatever
 * order the admin-service listed them in.
 */
export function canonicalChanges(changes: Changes): string {
  const byKey = <T extends { key: string }>(list: readonly T[]) =>
    [...list].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return JSON.stringify({
    added: byKey(changes.added).map(({ key, value }) => ({ key, value })),
    modified: byKey(changes.modified).map(({ key, oldValue, newValue }) => ({ key, oldValue, newValue })),
    deleted: byKey(changes.deleted).map(({ key, value }) => ({ key, value })),
  });
}

export interface NamespaceState {
  baseReleaseId: number;
  changes: Changes;
  /**
   * The admin-service's fingerprint of the items (values as stored): it tells apart edits the
   * masked change set cannot show, such as a secret given another value.
   */
  fingerprint?: string;
}

/**
 * A request is stale when publishing now would not be exactly what was reviewed: another release
 * or rollback moved the base, or the unreleased edits differ (an edit, a revoke, a release of
 * other edits). Comparing the change set itself, not edit times, lets an edit that was undone
 * again keep the request valid: the approver still approves what would be published.
 */
export function isStale(requested: NamespaceState, now: NamespaceState): boolean {
  return (
    requested.baseReleaseId !== now.baseReleaseId ||
    canonicalChanges(requested.changes) !== canonicalChanges(now.changes) ||
    (!!requested.fingerprint && !!now.fingerprint && requested.fingerprint !== now.fingerprint)
  );
}

/** Only the requester withdraws, and only while nobody has acted on the request. */
export function mayWithdraw(request: { requestedBy: string; status: string }, user: string): boolean {
  return request.status === 'PENDING' && request.requestedBy.toLowerCase() === user.toLowerCase();
}

/** Whether someone other than the requester is reviewing: nobody reviews their own request. */
export function reviewsOwnRequest(requestedBy: string, reviewer: string): boolean {
  return requestedBy.toLowerCase() === reviewer.toLowerCase();
}

/** The release comment records both people (the admin-service records the approver as operator). */
export function approvedReleaseComment(
  request: { id: number; requestedBy: string; releaseComment: string },
  approver: string,
  maxLength = 256,
): string {
  const trail = `[review #${request.id}: requested by ${request.requestedBy}, approved by ${approver}]`;
  const comment = request.releaseComment ? `${request.releaseComment} ${trail}` : trail;
  return comment.length <= maxLength
    ? comment
    : `${comment.slice(0, maxLength - trail.length - 2)}… ${trail}`;
}

export function hasNoChanges(changes: Changes): boolean {
  return changes.added.length + changes.modified.length + changes.deleted.length === 0;
}

/** Parses the admin-service's `unreleased-changes` answer; undefined when it is not one. */
export function namespaceStateOf(body: unknown): NamespaceState | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const { baseReleaseId, changes, fingerprint } = body as {
    baseReleaseId?: unknown;
    changes?: Partial<Changes>;
    fingerprint?: unknown;
  };
  if (typeof baseReleaseId !== 'number' || !changes) return undefined;
  const { added, modified, deleted } = changes;
  if (!Array.isArray(added) || !Array.isArray(modified) || !Array.isArray(deleted)) return undefined;
  const state: NamespaceState = { baseReleaseId, changes: { added, modified, deleted } };
  if (typeof fingerprint === 'string' && /^[0-9a-f]{64}$/.test(fingerprint)) state.fingerprint = fingerprint;
  return state;
}

/**
 * How long an approver's publish may take before its claim on the request counts as abandoned
 * (the portal stopped between claiming and recording the outcome). Far above the admin-service
 * timeout, so a publish still under way is never taken for one.
 */
export const PUBLISH_CLAIM_MS = 5 * 60_000;

/** A PUBLISHING request whose claim is that old may be approved again (the stale check still applies). */
export function claimAbandoned(status: string, claimedAt: number, now: number): boolean {
  return status === 'PUBLISHING' && now - claimedAt > PUBLISH_CLAIM_MS;
}
