import { DomainError } from '@houston/domain';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConfigForwarder } from '../config/config-forwarder';
import { EnvironmentGateway } from '../environments/environment-gateway';
import { PORTAL_SETTINGS, type PortalSettings } from '../portal.tokens';
import { valuesHidden } from '../sessions/current-user';
import { RequestReview } from './request-review';
import { reviewRequestView } from './review-request.view';
import { ReviewRequestsStore } from './review-requests.store';
import { emergencyPublishAllowed, reviewRequired } from './review-rules';

/**
 * `POST …/releases` by someone with release permission: published at once where no review is
 * needed, or with `isEmergencyPublish: true` where emergency publish is allowed; else it becomes a
 * review request (202) that another releaser approves.
 */
@Injectable()
export class ReleaseOrRequestReview {
  constructor(
    @Inject(ConfigForwarder) private readonly forwarder: ConfigForwarder,
    @Inject(EnvironmentGateway) private readonly environments: EnvironmentGateway,
    @Inject(ReviewRequestsStore) private readonly store: ReviewRequestsStore,
    @Inject(RequestReview) private readonly requestReview: RequestReview,
    @Inject(PORTAL_SETTINGS) private readonly settings: PortalSettings,
  ) {}

  async execute(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const params = request.params as Record<string, string>;
    const env = this.environments.resolve(params['env']!);
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (body['isEmergencyPublish'] === true) {
      if (!emergencyPublishAllowed(env, this.settings.emergencyPublishEnvs)) {
        throw new DomainError('FORBIDDEN', `emergency publish is not allowed in ${env}`, {
          emergencyPublishEnvs: this.settings.emergencyPublishEnvs,
        });
      }
      return this.forwarder.forward(request, reply);
    }
    const appChoice = await this.store.policy(params['appId']!, env);
    if (!reviewRequired(env, this.settings.reviewEnvs, appChoice))
      return this.forwarder.forward(request, reply);
    const outcome = await this.requestReview.execute(request, body);
    if ('refused' in outcome) return this.forwarder.answer(request, reply, outcome.refused);
    void reply.code(202);
    return { reviewRequired: true, reviewRequest: reviewRequestView(outcome.created, valuesHidden(request)) };
  }
}
