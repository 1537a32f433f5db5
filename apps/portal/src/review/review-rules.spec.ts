import {
  approvedReleaseComment,
  claimAbandoned,
  PUBLISH_CLAIM_MS,
  canonicalChanges,
  emergencyPublishAllowed,
  isStale,
  mayWithdraw,
  namespaceStateOf,
  reviewRequired,
  reviewsOwnRequest,
} from './review-rules';

const changes = (value: string) => ({
  added: [
    { key: 'b', value: '2' },
    { key: 'a', value },
  ],
  modified: [{ key: 'm', oldValue: 'x', newValue: 'y' }],
  deleted: [],
});

describe('review rules', () => {
  it("follows the app's choice for an environment, else the environment default", () => {
    expect(reviewRequired('PRO', ['PRO'])).toBe(true);
    expect(reviewRequired('DEV', ['PRO'])).toBe(false);
    expect(reviewRequired('PRO', ['PRO'], false)).toBe(false);
    expect(reviewRequired('DEV', ['PRO'], true)).toBe(true);
  });

  it('allows emergency publish only in the environments named for it', () => {
    expect(emergencyPublishAllowed('PRO', ['PRO'])).toBe(true);
    expect(emergencyPublishAllowed('UAT', ['PRO'])).toBe(false);
  });

  it('compares change sets whatever order their keys come in', () => {
    const reordered = { ...changes('1'), added: [...changes('1').added].reverse() };
    expect(canonicalChanges(reordered)).toBe(canonicalChanges(changes('1')));
    expect(canonicalChanges(changes('2'))).not.toBe(canonicalChanges(changes('1')));
  });

  it('calls a request stale when the base release or the change set moved, not when an edit was undone', () => {
    const requested = { baseReleaseId: 3, changes: changes('1') };
    expect(isStale(requested, { baseReleaseId: 3, changes: changes('1') })).toBe(false);
    expect(isStale(requested, { baseReleaseId: 4, changes: changes('1') })).toBe(true);
    expect(isStale(requested, { baseReleaseId: 3, changes: changes('9') })).toBe(true);
  });

  it('calls a request stale when the fingerprint moved although the masked change set did not', () => {
    const f = (digit: string) => digit.repeat(64);
    const requested = { baseReleaseId: 3, changes: changes('******'), fingerprint: f('a') };
    expect(isStale(requested, { ...requested, fingerprint: f('b') })).toBe(true);
    expect(isStale(requested, { ...requested })).toBe(false);
    // A request kept before fingerprints were: the change set decides.
    expect(
      isStale({ baseReleaseId: 3, changes: changes('******') }, { ...requested, fingerprint: f('b') }),
    ).toBe(false);
  });

  it('lets only the requester withdraw, and only a pending request', () => {
    expect(mayWithdraw({ requestedBy: 'Ed', status: 'PENDING' }, 'ed')).toBe(true);
    expect(mayWithdraw({ requestedBy: 'ed', status: 'PENDING' }, 'rel')).toBe(false);
    for (const status of ['PUBLISHING', 'PUBLISHED', 'REJECTED', 'STALE', 'WITHDRAWN']) {
      expect(mayWithdraw({ requestedBy: 'ed', status }, 'ed')).toBe(false);
    }
  });

  it('knows a reviewer is the requester whatever the case of the name', () => {
    expect(reviewsOwnRequest('Alice', 'alice')).toBe(true);
    expect(reviewsOwnRequest('alice', 'bob')).toBe(false);
  });

  it('names requester and approver in the release comment, within its length', () => {
    const comment = approvedReleaseComment({ id: 7, requestedBy: 'ed', releaseComment: 'pool size' }, 'rel');
    expect(comment).toBe('pool size [review #7: requested by ed, approved by rel]');
    const long = approvedReleaseComment({ id: 7, requestedBy: 'ed', releaseComment: 'x'.repeat(400) }, 'rel');
    expect(long).toHaveLength(256);
    expect(long.endsWith('[review #7: requested by ed, approved by rel]')).toBe(true);
  });

  it("reads the admin-service's unreleased-changes answer and refuses anything else", () => {
    expect(namespaceStateOf({ baseReleaseId: 1, hasChanges: true, changes: changes('1') })).toEqual({
      baseReleaseId: 1,
      changes: changes('1'),
    });
    expect(
      namespaceStateOf({ baseReleaseId: 1, changes: changes('1'), fingerprint: 'c'.repeat(64) })?.fingerprint,
    ).toBe('c'.repeat(64));
    expect(namespaceStateOf({ baseReleaseId: 1, changes: changes('1'), fingerprint: 'x' })?.fingerprint).toBe(
      undefined,
    );
    expect(namespaceStateOf({ baseReleaseId: '1', changes: changes('1') })).toBeUndefined();
    expect(namespaceStateOf({ baseReleaseId: 1, changes: { added: [] } })).toBeUndefined();
  });

  it('takes a publish claim for abandoned only long after it was made, and only while publishing', () => {
    expect(claimAbandoned('PUBLISHING', 1_000, 1_000 + PUBLISH_CLAIM_MS + 1)).toBe(true);
    expect(claimAbandoned('PUBLISHING', 1_000, 1_000 + PUBLISH_CLAIM_MS)).toBe(false);
    expect(claimAbandoned('PUBLISHED', 1_000, 1_000 + PUBLISH_CLAIM_MS + 1)).toBe(false);
  });
});
