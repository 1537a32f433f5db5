import { DomainError } from '@houston/domain';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConfigForwarder } from '../config/config-forwarder';
import { EnvironmentGateway } from '../environments/environment-gateway';
import { PORTAL_SETTINGS, type PortalSettings } from '../portal.tokens';
import { ReviewRequestsStore } from './review-requests.store';
import { emergencyPublishAllowed, reviewRequired } from './review-rules';

/**
 * `POST …/rollouts` by someone with release permission. A rollout publishes (to a share of the
 * instances, then to all), so it is held to the release's review rules: where a release needs
 * review, the start is refused (409 `REVIEW_REQUIRED`, `details.reviewRequired`), since a review request publishes
 * at once when approved and has no plan of steps; `isEmergencyPublish: true` starts it anyway
 * where emergency publish is allowed (403 elsewhere), as it does for a release.
 */
@Injectable()
export class StartRolloutUnlessReview {
  constructor(
    @Inject(ConfigForwarder) private readonly forwarder: ConfigForwarder,
    @Inject(EnvironmentGateway) private readonly environments: EnvironmentGateway,
    @Inject(ReviewRequestsStore) private readonly store: ReviewRequestsStore,
    @Inject(PORTAL_SETTINGS) private readonly settings: PortalSettings,
  ) {}

  async execute(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const params = request.params as Record<string, string>;
    const env = this.environments.resolve(params['env']!);
    const given = request.body ?? {};
    if (typeof given !== 'object' || Array.isArray(given)) {
      throw new DomainError('VALIDATION_FAILED', 'the body must be a JSON object');
    }
    const { isEmergencyPublish, ...plan } = given as Record<string, unknown>;
    if (isEmergencyPublish !== undefined && typeof isEmergencyPublish !== 'boolean') {
      throw new DomainError('VALIDATION_FAILED', 'isEmergencyPublish must be true or false', {
        field: 'isEmergencyPublish',
      });
    }
    if (isEmergencyPublish === true) {
      if (!emergencyPublishAllowed(env, this.settings.emergencyPublishEnvs)) {
        throw new DomainError('FORBIDDEN', `emergency publish is not allowed in ${env}`, {
          emergencyPublishEnvs: this.settings.emergencyPublishEnvs,
        });
      }
      return this.forwarder.forward(request, reply, plan);
    }
    const appChoice = await this.store.policy(params['appId']!, env);
    if (reviewRequired(env, this.settings.reviewEnvs, appChoice)) {
      throw new DomainError(
        'REVIEW_REQUIRED',
        `releases of ${params['appId']} in ${env} need review, and a rollout cannot be reviewed: ask for a review of a plain release (POST …/review-requests), or start it with isEmergencyPublish where emergency publish is allowed`,
        { reviewRequired: true, env },
      );
    }
    return this.forwarder.forward(request, reply, plan);
  }
}
