import { Inject, Injectable } from '@nestjs/common';
import { GrantsService } from '../permissions/grants.service';
import { allows, type Actor } from '../permissions/permission-rules';
import { PORTAL_SETTINGS, type PortalSettings } from '../portal.tokens';
import type { SignedInUser } from '../sessions/session.service';

/**
 * Who may see an app's values in an environment, for answers not tied to one route's `:env` and
 * `:appId` (lists of review requests, audit rows): in a member-only environment only members.
 */
@Injectable()
export class ValueVisibility {
  constructor(
    @Inject(GrantsService) private readonly grants: GrantsService,
    @Inject(PORTAL_SETTINGS) private readonly settings: PortalSettings,
  ) {}

  async actorOf(signedIn: SignedInUser): Promise<Actor> {
    return { isSuperAdmin: signedIn.user.isSuperAdmin, grants: await this.grants.grantsOf(signedIn.user.id) };
  }

  hides(actor: Actor, env: string, appId: string): boolean {
    return this.settings.memberOnlyEnvs.includes(env) && !allows(actor, { kind: 'member', appId });
  }
}
