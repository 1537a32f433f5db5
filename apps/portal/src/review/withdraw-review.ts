import { DomainError } from '@houston/domain';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { EnvironmentGateway } from '../environments/environment-gateway';
import type { PortalReviewRequestEntity } from '../persistence/portal-entities';
import { signedInOf } from '../sessions/current-user';
import { reviewRequestOfPath } from './find-review-request';
import { ReviewRequestsStore } from './review-requests.store';
import { mayWithdraw, reviewsOwnRequest } from './review-rules';

/** The requester takes back a pending request: WITHDRAWN, never approved or rejected after. */
@Injectable()
export class WithdrawReview {
  constructor(
    @Inject(EnvironmentGateway) private readonly environments: EnvironmentGateway,
    @Inject(ReviewRequestsStore) private readonly store: ReviewRequestsStore,
  ) {}

  async execute(request: FastifyRequest, comment: string): Promise<PortalReviewRequestEntity> {
    const row = await reviewRequestOfPath(request, this.store, this.environments);
    const user = signedInOf(request)!.user.username;
    if (!reviewsOwnRequest(row.requestedBy, user)) {
      throw new DomainError(
        'FORBIDDEN',
        `only ${row.requestedBy}, who asked for it, withdraws review request ${row.id}`,
      );
    }
    const done =
      mayWithdraw(row, user) &&
      (await this.store.transition(row.id, 'PENDING', 'WITHDRAWN', {
        reviewedBy: user,
        reviewComment: comment,
        reviewedAt: Date.now(),
      }));
    if (!done) {
      const now = (await this.store.find(row.id))?.status ?? row.status;
      throw new DomainError('CONFLICT', `review request ${row.id} is ${now}, not PENDING`, { status: now });
    }
    return (await this.store.find(row.id))!;
  }
}
