import { DomainError } from '@houston/domain';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { EnvironmentGateway } from '../environments/environment-gateway';
import type { PortalReviewRequestEntity } from '../persistence/portal-entities';
import { signedInOf } from '../sessions/current-user';
import { reviewRequestOfPath } from './find-review-request';
import { ReviewRequestsStore } from './review-requests.store';
import { reviewsOwnRequest } from './review-rules';

/** Another releaser of the namespace rejects a pending request, saying why. */
@Injectable()
export class RejectReview {
  constructor(
    @Inject(EnvironmentGateway) private readonly environments: EnvironmentGateway,
    @Inject(ReviewRequestsStore) private readonly store: ReviewRequestsStore,
  ) {}

  async execute(request: FastifyRequest, comment: string): Promise<PortalReviewRequestEntity> {
    const row = await reviewRequestOfPath(request, this.store, this.environments);
    const reviewer = signedInOf(request)!.user.username;
    if (reviewsOwnRequest(row.requestedBy, reviewer)) {
      throw new DomainError('FORBIDDEN', 'nobody reviews their own review request');
    }
    const done = await this.store.transition(row.id, 'PENDING', 'REJECTED', {
      reviewedBy: reviewer,
      reviewComment: comment,
      reviewedAt: Date.now(),
    });
    if (!done) throw new DomainError('CONFLICT', `review request ${row.id} is ${row.status}, not PENDING`);
    return (await this.store.find(row.id))!;
  }
}
