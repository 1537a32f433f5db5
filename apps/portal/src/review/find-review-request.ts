import { DomainError } from '@houston/domain';
import type { FastifyRequest } from 'fastify';
import type { EnvironmentGateway } from '../environments/environment-gateway';
import type { PortalReviewRequestEntity } from '../persistence/portal-entities';
import type { ReviewRequestsStore } from './review-requests.store';

/**
 * The review request `:id` of the namespace in the request's path. The reviewer's permission was
 * checked on that namespace, so a request of another namespace is not found here (404).
 */
export async function reviewRequestOfPath(
  request: FastifyRequest,
  store: ReviewRequestsStore,
  environments: EnvironmentGateway,
): Promise<PortalReviewRequestEntity> {
  const params = request.params as Record<string, string>;
  const id = Number(params['id']);
  const row = Number.isSafeInteger(id) && id > 0 ? await store.find(id) : null;
  if (
    !row ||
    row.env !== environments.resolve(params['env']!) ||
    row.appId !== params['appId'] ||
    row.clusterName !== params['cluster'] ||
    row.namespaceName !== params['namespace']
  ) {
    throw new DomainError(
      'NOT_FOUND',
      `review request ${params['id']} is not one of ${params['appId']}/${params['cluster']}/${params['namespace']}`,
    );
  }
  return row;
}
