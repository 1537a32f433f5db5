import { DomainError } from '@houston/domain';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ConfigForwarder, namespacePathOf } from '../config/config-forwarder';
import type { AdminAnswer } from '../environments/environment-gateway';
import { EnvironmentGateway } from '../environments/environment-gateway';
import type { PortalReviewRequestEntity } from '../persistence/portal-entities';
import { signedInOf } from '../sessions/current-user';
import { ReviewRequestsStore } from './review-requests.store';
import { canonicalChanges, hasNoChanges, namespaceStateOf } from './review-rules';

export interface ReleaseInput {
  releaseTitle?: unknown;
  releaseComment?: unknown;
}

/**
 * Turns a release of the namespace in the request's path into a review request: what it would
 * change now (the admin-service's `unreleased-changes`) is stored with it for the reviewer.
 */
@Injectable()
export class RequestReview {
  constructor(
    @Inject(ConfigForwarder) private readonly forwarder: ConfigForwarder,
    @Inject(EnvironmentGateway) private readonly environments: EnvironmentGateway,
    @Inject(ReviewRequestsStore) private readonly store: ReviewRequestsStore,
  ) {}

  async execute(
    request: FastifyRequest,
    input: ReleaseInput,
  ): Promise<{ created: PortalReviewRequestEntity } | { refused: AdminAnswer }> {
    const title = optionalText(input.releaseTitle, 'releaseTitle', 64);
    const comment = optionalText(input.releaseComment, 'releaseComment', 256);
    const now = await this.forwarder.call(request, {
      method: 'GET',
      path: `${namespacePathOf(request)}/unreleased-changes`,
    });
    if (now.status !== 200) return { refused: now };
    const state = namespaceStateOf(now.body);
    if (!state) throw new DomainError('UNAVAILABLE', 'the admin-service answered unreleased-changes oddly');
    if (hasNoChanges(state.changes)) {
      throw new DomainError('CONFLICT', 'nothing to release: the namespace has no unreleased changes');
    }
    const params = request.params as Record<string, string>;
    const created = await this.store.insert({
      env: this.environments.resolve(params['env']!),
      appId: params['appId']!,
      clusterName: params['cluster']!,
      namespaceName: params['namespace']!,
      status: 'PENDING',
      requestedBy: signedInOf(request)!.user.username,
      releaseTitle: title,
      releaseComment: comment,
      baseReleaseId: state.baseReleaseId,
      changes: canonicalChanges(state.changes),
      fingerprint: state.fingerprint ?? '',
    });
    return { created };
  }
}

function optionalText(value: unknown, field: string, max: number): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string' || value.length > max) {
    throw new DomainError('VALIDATION_FAILED', `${field} must be text of at most ${max} characters`, {
      field,
    });
  }
  return value;
}
