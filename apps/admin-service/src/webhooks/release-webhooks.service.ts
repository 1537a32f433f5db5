import { compareConfigurations, DomainError, maskConfigurations, maskSecretsDeep } from '@houston/domain';
import type { ReleaseWebhookEntity } from '@houston/entities';
import type { RepositoryPorts } from '@houston/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import { locateApp, type LocatedNamespace } from '../namespaces/namespace-locator';
import { parseConfigurations } from '../releases/release.mapper';
import { callReleaseWebhooks, type HookVerdict, type RolloutStepContext } from './call-release-webhooks';
import type { CreateReleaseWebhookDto, ReleaseWebhookDto } from './release-webhook.dto';
import { openWebhookSecret, sealWebhookSecret } from './webhook-secret';

function toDto(hook: ReleaseWebhookEntity): ReleaseWebhookDto {
  return {
    id: hook.id,
    appId: hook.appId,
    namespaceName: hook.namespaceName,
    url: hook.url,
    timeoutMs: hook.timeoutMs,
    failurePolicy: hook.failOpen ? 'fail-open' : 'fail-closed',
    createdBy: hook.createdBy,
    createdAt: hook.createdAt,
  };
}

/** Validation webhooks: registered per app or namespace, asked before every main release. */
@Injectable()
export class ReleaseWebhookService {
  constructor(@Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions) {}

  private sealed(secret: string): string {
    return sealWebhookSecret(this.options, secret);
  }

  private opened(hook: ReleaseWebhookEntity): ReleaseWebhookEntity {
    return openWebhookSecret(this.options, hook);
  }

  async create(appId: string, body: CreateReleaseWebhookDto, operator: string): Promise<ReleaseWebhookDto> {
    const repos = this.options.database.repos;
    await locateApp(repos, appId);
    const hook = await this.options.database.transaction(async (tx) => {
      const created = await tx.releaseWebhooks.insert({
        appId,
        namespaceName: body.namespaceName ?? '',
        url: body.url,
        secret: this.sealed(body.secret),
        timeoutMs: body.timeoutMs ?? 5000,
        failOpen: body.failurePolicy === 'fail-open',
        createdBy: operator,
      });
      await tx.audits.record('ReleaseWebhook', created.id, 'INSERT', operator, created.url);
      return created;
    });
    return toDto(hook);
  }

  async list(appId: string): Promise<ReleaseWebhookDto[]> {
    const repos = this.options.database.repos;
    await locateApp(repos, appId);
    return (await repos.releaseWebhooks.list(appId)).map(toDto);
  }

  async delete(appId: string, id: number, operator: string): Promise<void> {
    await this.options.database.transaction(async (tx) => {
      if (!(await tx.releaseWebhooks.delete(appId, id))) {
        throw new DomainError('NOT_FOUND', `webhook ${id} of app ${appId} does not exist`, { appId, id });
      }
      await tx.audits.record('ReleaseWebhook', id, 'DELETE', operator);
    });
  }

  /**
   * Asks the namespace's hooks about publishing `next` (none: no verdicts). Called before the
   * release's transaction, so that a slow hook never holds the namespace or the database. A gray
   * release names its branch, and `previous` is what the branch's clients get now. Secret values
   * go out masked: a hook sees that they change, never what they are.
   */
  async ask(
    repos: RepositoryPorts,
    located: LocatedNamespace,
    next: Record<string, string>,
    operator: string,
    dryRun: boolean,
    gray?: { branchName: string; previous: () => Promise<Record<string, string>> },
    rollout?: RolloutStepContext,
  ): Promise<HookVerdict[]> {
    const ns = located.namespace;
    const hooks = await repos.releaseWebhooks.forRelease(ns.appId, ns.namespaceName);
    if (hooks.length === 0) return [];
    const ref = { appId: ns.appId, clusterName: ns.clusterName, namespaceName: ns.namespaceName };
    let previous: Record<string, string>;
    if (gray) previous = await gray.previous();
    else {
      const active = await repos.releases.findLatestActive(ref);
      previous = active ? parseConfigurations(active.configurations) : {};
    }
    return callReleaseWebhooks(
      hooks.map((hook) => this.opened(hook)),
      {
        event: 'release.validate',
        dryRun,
        ...ref,
        ...(gray ? { branchName: gray.branchName } : {}),
        ...(rollout ? { rollout } : {}),
        operator,
        previous: maskConfigurations(previous),
        next: maskConfigurations(next),
        diff: maskSecretsDeep(compareConfigurations(previous, next)),
      },
    );
  }
}

/** The problem a vetoed release is refused with (422 `RELEASE_VETOED`). */
export function vetoed(verdicts: HookVerdict[]): DomainError | undefined {
  const vetoes = verdicts.filter((verdict) => !verdict.allowed);
  if (vetoes.length === 0) return undefined;
  return new DomainError(
    'RELEASE_VETOED',
    `the release was vetoed by webhook ${vetoes[0]!.webhookId}: ${vetoes[0]!.message}`,
    { vetoes: vetoes.map(({ webhookId, url, message }) => ({ webhookId, url, message })) },
  );
}
