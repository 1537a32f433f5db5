import { DomainError } from '@houston/domain';
import { HttpException, Inject, Injectable } from '@nestjs/common';
import { EnvironmentGateway, type AdminAnswer } from '../environments/environment-gateway';
import { GrantsService } from '../permissions/grants.service';
import type { OwnedApp } from './owned-apps';
import { normalizeUsername } from './user-names';
import { UsersService } from './users.service';

export interface OwnerTransfer {
  appId: string;
  ownerName: string;
  /** The environments whose app now has that owner. */
  environments: string[];
  /** Environments that did not answer: the app there keeps its owner until transferred again. */
  unreachable: string[];
}

/**
 * Who owns which app. An app lives in each environment's admin-service with its `ownerName`, so
 * every environment is asked; one that does not answer makes the question fail (503 naming it),
 * since an account must not be deleted while an app there may still name it as owner.
 */
@Injectable()
export class AppOwners {
  constructor(
    @Inject(EnvironmentGateway) private readonly environments: EnvironmentGateway,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(GrantsService) private readonly grants: GrantsService,
  ) {}

  async ownedBy(username: string): Promise<OwnedApp[]> {
    const owner = normalizeUsername(username);
    const perEnvironment = await Promise.all(
      this.environments.names().map(async (env) => {
        const answer = await this.environments.call(env, { method: 'GET', path: '/apps' });
        if (answer.status !== 200 || !Array.isArray(answer.body)) throw failed(env, answer);
        return (answer.body as Array<{ appId: string; ownerName?: string }>)
          .filter((app) => app.ownerName !== undefined && normalizeUsername(app.ownerName) === owner)
          .map((app) => ({ env, appId: app.appId }));
      }),
    );
    return perEnvironment.flat();
  }

  /**
   * Makes `ownerName` the app's owner in every environment that has the app (Apollo changes the
   * owner by editing the app), and an app master, as the owner of a new app is. The previous
   * owner keeps their roles: taking those away is a separate decision.
   */
  async transfer(appId: string, ownerName: string, operator: string): Promise<OwnerTransfer> {
    const owner = await this.users.enabledOwner(ownerName);
    const changed: string[] = [];
    const unreachable: string[] = [];
    for (const env of this.environments.names()) {
      let answer: AdminAnswer;
      try {
        answer = await this.environments.call(env, {
          method: 'PUT',
          path: `/apps/${encodeURIComponent(appId)}`,
          body: { ownerName: owner.username },
          operator,
        });
      } catch (error) {
        if (error instanceof DomainError && error.code === 'UNAVAILABLE') {
          unreachable.push(env);
          continue;
        }
        throw error;
      }
      if (answer.status === 404) continue;
      if (answer.status >= 300) throw failed(env, answer);
      changed.push(env);
    }
    if (changed.length === 0) {
      if (unreachable.length > 0) {
        throw new DomainError('UNAVAILABLE', `no environment that has ${appId} answered`, {
          env: unreachable.join(', '),
          unreachable,
        });
      }
      throw new DomainError('NOT_FOUND', `app ${appId} does not exist in any environment`);
    }
    await this.grants.add(
      owner,
      { role: 'Master', appId, env: '', clusterName: '', namespaceName: '' },
      operator,
      true,
    );
    return { appId, ownerName: owner.username, environments: changed, unreachable };
  }
}

/** An admin-service refusal, passed on with its status and words and the environment named. */
function failed(env: string, answer: AdminAnswer): HttpException {
  const body = (answer.body ?? {}) as { message?: unknown };
  const message = typeof body.message === 'string' ? body.message : `HTTP ${answer.status}`;
  return new HttpException(`${env}: ${message}`, answer.status >= 400 ? answer.status : 502);
}
