import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { EnvironmentGateway } from '../environments/environment-gateway';
import { PORTAL_SETTINGS, type PortalSettings } from '../portal.tokens';
import { ReviewRequestsStore } from '../review/review-requests.store';
import { emergencyPublishAllowed, reviewRequired } from '../review/review-rules';

/**
 * A consumer cannot approve its own release, so where releases need review (see the portal's
 * review) the Open API does not publish: it refuses, unless the request is an emergency publish
 * (`isEmergencyPublish`) in an environment that allows one, as a portal user could.
 */
@Injectable()
export class ReviewGate {
  constructor(
    @Inject(EnvironmentGateway) private readonly environments: EnvironmentGateway,
    @Inject(ReviewRequestsStore) private readonly store: ReviewRequestsStore,
    @Inject(PORTAL_SETTINGS) private readonly settings: PortalSettings,
  ) {}

  async check(envName: string, appId: string, emergency: boolean): Promise<void> {
    const env = this.environments.resolve(envName);
    if (emergency) {
      if (emergencyPublishAllowed(env, this.settings.emergencyPublishEnvs)) return;
      throw new ForbiddenException(`Env: ${env} is not supported emergency publish now`);
    }
    if (reviewRequired(env, this.settings.reviewEnvs, await this.store.policy(appId, env))) {
      throw new ForbiddenException(
        `releases of ${appId} in ${env} need review: ask for one in the portal, or publish in an emergency where allowed`,
      );
    }
  }
}
