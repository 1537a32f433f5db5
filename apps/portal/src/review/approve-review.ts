import { DomainError } from '@houston/domain';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ConfigForwarder, namespacePathOf } from '../config/config-forwarder';
import { EnvironmentGateway, type AdminAnswer } from '../environments/environment-gateway';
import type { PortalReviewRequestEntity } from '../persistence/portal-entities';
import { signedInOf } from '../sessions/current-user';
import { reviewRequestOfPath } from './find-review-request';
import { ReviewRequestsStore } from './review-requests.store';
import {
  approvedReleaseComment,
  claimAbandoned,
  isStale,
  namespaceStateOf,
  reviewsOwnRequest,
  type Changes,
} from './review-rules';

/**
 * Someone other than the requester, with release permission on the namespace (checked by the
 * guard), approves: if the namespace would still publish exactly what was reviewed, the release
 * is published through the admin-service with the approver as operator and both names in its
 * comment. The publish carries the reviewed base release and fingerprint as its precondition, so
 * a namespace that moves between this check and the publish makes the request STALE (409), never
 * a release of something unreviewed. The admin-service's own rules still apply to the approver
 * (editor may not release).
 */
@Injectable()
export class ApproveReview {
  constructor(
    @Inject(ConfigForwarder) private readonly forwarder: ConfigForwarder,
    @Inject(EnvironmentGateway) private readonly environments: EnvironmentGateway,
    @Inject(ReviewRequestsStore) private readonly store: ReviewRequestsStore,
  ) {}

  async execute(
    request: FastifyRequest,
    reviewComment: string,
  ): Promise<{ published: PortalReviewRequestEntity } | { refused: AdminAnswer }> {
    const row = await reviewRequestOfPath(request, this.store, this.environments);
    const approver = signedInOf(request)!.user.username;
    // A claim left by a portal that stopped mid-publish: pending again. If that publish did
    // happen, the namespace no longer matches the request and the stale check below says so.
    if (
      claimAbandoned(row.status, row.reviewedAt, Date.now()) &&
      (await this.store.transition(row.id, 'PUBLISHING', 'PENDING', { reviewedAt: 0 }))
    ) {
      row.status = 'PENDING';
    }
    if (row.status !== 'PENDING') {
      throw new DomainError('CONFLICT', `review request ${row.id} is ${row.status}, not PENDING`, {
        status: row.status,
      });
    }
    if (reviewsOwnRequest(row.requestedBy, approver)) {
      throw new DomainError('FORBIDDEN', 'nobody approves their own review request; ask another releaser');
    }
    const now = await this.forwarder.call(request, {
      method: 'GET',
      path: `${namespacePathOf(request)}/unreleased-changes`,
    });
    if (now.status !== 200) return { refused: now };
    const state = namespaceStateOf(now.body);
    if (!state) throw new DomainError('UNAVAILABLE', 'the admin-service answered unreleased-changes oddly');
    const requested = {
      baseReleaseId: row.baseReleaseId,
      changes: JSON.parse(row.changes) as Changes,
      fingerprint: row.fingerprint || undefined,
    };
    if (isStale(requested, state)) {
      await this.store.transition(row.id, 'PENDING', 'STALE', staleMark(approver));
      throw staleRequest(row, state.baseReleaseId);
    }
    if (!(await this.store.transition(row.id, 'PENDING', 'PUBLISHING', { reviewedAt: Date.now() }))) {
      throw new DomainError('CONFLICT', `review request ${row.id} is being reviewed by someone else`);
    }
    // Published only if the namespace is still exactly what was checked: the admin-service checks
    // it under the namespace lock, so an edit or release landing after the check above is refused
    // there rather than published unreviewed.
    const fingerprint = row.fingerprint || state.fingerprint;
    const released = await this.forwarder.call(request, {
      method: 'POST',
      path: `${namespacePathOf(request)}/releases`,
      body: {
        releaseTitle: row.releaseTitle || undefined,
        releaseComment: approvedReleaseComment(row, approver),
        isEmergencyPublish: false,
        expectedBaseReleaseId: row.baseReleaseId,
        ...(fingerprint ? { expectedFingerprint: fingerprint } : {}),
      },
    });
    if (preconditionFailed(released)) {
      await this.store.transition(row.id, 'PUBLISHING', 'STALE', staleMark(approver));
      const details = (released.body as { details?: { baseReleaseId?: unknown } }).details;
      throw staleRequest(row, typeof details?.baseReleaseId === 'number' ? details.baseReleaseId : undefined);
    }
    if (released.status >= 300) {
      // Not published (e.g. the approver edited it and the editor may not release): still pending.
      await this.store.transition(row.id, 'PUBLISHING', 'PENDING', { reviewedAt: 0 });
      return { refused: released };
    }
    await this.store.transition(row.id, 'PUBLISHING', 'PUBLISHED', {
      reviewedBy: approver,
      reviewComment,
      releaseId: Number((released.body as { id?: unknown }).id) || 0,
      reviewedAt: Date.now(),
    });
    return { published: (await this.store.find(row.id))! };
  }
}

function staleMark(approver: string) {
  return {
    reviewedBy: approver,
    reviewComment: 'the namespace changed after the request',
    reviewedAt: Date.now(),
  };
}

function staleRequest(row: PortalReviewRequestEntity, baseReleaseId: number | undefined): DomainError {
  return new DomainError(
    'CONFLICT',
    `review request ${row.id} is stale: the namespace changed after it was made; request again`,
    { status: 'STALE', requestedBaseReleaseId: row.baseReleaseId, baseReleaseId: baseReleaseId ?? null },
  );
}

/** The admin-service refused the release because the namespace moved since the check. */
function preconditionFailed(answer: AdminAnswer): boolean {
  return (
    answer.status === 409 &&
    (answer.body as { code?: unknown } | undefined)?.code === 'RELEASE_PRECONDITION_FAILED'
  );
}
