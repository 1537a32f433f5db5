import { Inject, Injectable } from '@nestjs/common';
import { allows, type Actor, type NamespaceScope } from '../permissions/permission-rules';
import { ValueVisibility } from '../review/value-visibility';
import type { SignedInUser } from '../sessions/session.service';

/**
 * The route guard checks the namespace in the path; requests that reach other environments and
 * clusters (compare, sync, export, import) check each of those here, with the same rules.
 */
@Injectable()
export class TargetAccess {
  constructor(@Inject(ValueVisibility) private readonly visibility: ValueVisibility) {}

  actorOf(signedIn: SignedInUser): Promise<Actor> {
    return this.visibility.actorOf(signedIn);
  }

  /** Values of the app in `env` are hidden from this actor (a member-only environment, not a member). */
  valuesHidden(actor: Actor, appId: string, env: string): boolean {
    return this.visibility.hides(actor, env, appId);
  }

  mayModify(actor: Actor, scope: NamespaceScope): boolean {
    return allows(actor, { kind: 'modify', scope });
  }

  mayRelease(actor: Actor, scope: NamespaceScope): boolean {
    return allows(actor, { kind: 'release', scope });
  }

  mayCreateApp(actor: Actor): boolean {
    return allows(actor, { kind: 'create-app' });
  }

  isMaster(actor: Actor, appId: string): boolean {
    return allows(actor, { kind: 'master', appId });
  }
}
