import {
  advanceFrom,
  checkSecretRelease,
  configurationsOf,
  DomainError,
  isActiveRollout,
  ReleaseOperation,
  validateRolloutPlan,
  type GrayRuleItem,
  type RolloutAction,
  type RolloutPlan,
} from '@houston/domain';
import type { RolloutEntity } from '@houston/entities';
import type { RepositoryPorts } from '@houston/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import { BranchService } from '../branches/branch.service';
import {
  branchChanges,
  insertGrayRelease,
  releaseConfigurations,
  type GrayBranch,
} from '../branches/gray-branch';
import { ItemService } from '../items/item.service';
import type { LocatedNamespace, NamespaceAddress } from '../namespaces/namespace-locator';
import { ReleaseAnnouncer, type Announce } from '../releases/release-announcer';
import type { RolloutDto } from './rollout.dto';
import { RolloutHealth } from './rollout-health';
import { parsePlan, toRolloutDto, toRolloutEventDto } from './rollout.mapper';
import { DEFAULT_ROLLOUT_SETTINGS } from './rollout-settings';

export interface StartRolloutRequest {
  plan: unknown;
  branchName?: string;
  title?: string;
  comment?: string;
  allowSecretsWithoutAccessKey?: boolean;
}

export type OperatorAction = 'pause' | 'resume' | 'advance' | 'abort';

/** A transition decided on a rollout as read at `expectedVersion` (the ticker's); none: act on the current row. */
interface Decision {
  action: RolloutAction | { kind: 'pause' | 'resume' | 'abort' };
  operator: string;
  reason: string;
  expectedVersion?: number;
}

/** The rule of a step: the app's instances whose sticky bucket is below the step's percentage. */
function percentageRule(appId: string, percentage: number): GrayRuleItem[] {
  return [{ clientAppId: appId, clientIpList: [], clientLabelList: [], percentage }];
}

/**
 * Progressive rollouts: a release goes out through the namespace's gray branch to a sticky,
 * growing share of the app's instances, and is merged into main at 100 %. Every transition is one
 * transaction that holds the namespace row and then the rollout row, writes the rule, the release
 * history, the audit row, the rollout event and the release message together, and raises the
 * rollout's version; a transition decided on an older version is dropped, so two admin-services
 * (or an admin-service and an operator) never apply one step twice.
 */
@Injectable()
export class RolloutService {
  constructor(
    @Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions,
    private readonly branches: BranchService,
    private readonly items: ItemService,
    private readonly announcer: ReleaseAnnouncer,
    private readonly health: RolloutHealth,
  ) {}

  private get settings() {
    return this.options.rollouts ?? DEFAULT_ROLLOUT_SETTINGS;
  }

  async start(
    address: NamespaceAddress,
    request: StartRolloutRequest,
    operator: string,
  ): Promise<RolloutDto> {
    const plan = validateRolloutPlan(request.plan, { minBakeTimeMs: this.settings.minBakeTimeMs });
    const row = await this.announcer.transaction(async (repos, announce) => {
      const located = await this.branches.main(repos, address);
      const ns = located.namespace;
      const parent = { appId: ns.appId, clusterName: ns.clusterName, namespaceName: ns.namespaceName };
      const running = await repos.rollouts.findActive(parent);
      if (running) {
        throw new DomainError('CONFLICT', `namespace ${ns.namespaceName} already has rollout ${running.id}`, {
          reason: 'ROLLOUT_ACTIVE',
          rolloutId: running.id,
        });
      }
      const active = await repos.releases.findLatestActive(parent);
      if (!active) {
        throw new DomainError(
          'CONFLICT',
          `namespace ${ns.namespaceName} has no release yet: publish the first one normally, roll out the next`,
          { ...parent },
        );
      }
      const branch = request.branchName
        ? await this.branches.branch(repos, located, request.branchName)
        : await this.moveUnreleasedIntoBranch(repos, located, operator);
      const { current, diff } = await branchChanges(repos, branch);
      if (diff.added.length + diff.modified.length + diff.deleted.length === 0) {
        throw new DomainError(
          'CONFLICT',
          `nothing to roll out: the branch does not differ from the main release`,
          {
            ...parent,
            reason: 'NO_CHANGES',
          },
        );
      }
      const { overridden } = checkSecretRelease(
        parent.appId,
        current,
        (await repos.accessKeys.enabledKeys(parent.appId)).map((key) => key.mode),
        request.allowSecretsWithoutAccessKey ?? false,
      );
      const release = await insertGrayRelease(
        repos,
        branch,
        current,
        operator,
        ReleaseOperation.GRAY_RELEASE,
        request.title,
        request.comment,
      );
      const rollout = await repos.rollouts.insert({
        ...parent,
        branchName: branch.rule.branchName,
        status: 'running',
        // Whether secrets were let out without an access key is the operator's choice at the start,
        // and holds for the merge at 100 % too.
        plan: JSON.stringify({ ...plan, allowSecretsWithoutAccessKey: overridden }),
        stepIndex: 0,
        stepStartedAt: new Date(),
        releaseTitle: (request.title ?? '').trim(),
        releaseComment: request.comment ?? '',
        grayReleaseId: release.id,
        createdBy: operator,
      });
      const percentage = plan.steps[0]!.percentage;
      await this.branches.setRulesLocked(
        repos,
        announce,
        branch,
        percentageRule(parent.appId, percentage),
        operator,
        {
          rollout: { id: rollout.id, step: 0, percentage },
        },
      );
      const detail = `gray release ${release.releaseKey} to ${percentage} %${overridden ? ' (secrets released without an access key)' : ''}`;
      await this.record(repos, rollout, 'started', operator, detail);
      return rollout;
    }, 'gray_publish');
    return toRolloutDto(row);
  }

  /**
   * The namespace's unreleased changes become the branch's: the branch (a copy of the active
   * release) takes the main items, and the main items go back to the active release, so a main
   * release during the rollout cannot ship them to everyone.
   */
  private async moveUnreleasedIntoBranch(
    repos: RepositoryPorts,
    located: LocatedNamespace,
    operator: string,
  ): Promise<GrayBranch> {
    const edited = configurationsOf(await repos.items.listByNamespace(located.namespace.id));
    const branch = await this.branches.createLocked(repos, located, operator);
    const cluster = await repos.clusters.find(branch.parent.appId, branch.rule.branchName);
    await this.items.replaceConfigurations(
      repos,
      { ...located, cluster: cluster ?? located.cluster, namespace: branch.namespace },
      edited,
      operator,
      'unreleased changes moved into the gray branch of a rollout',
    );
    await this.items.replaceConfigurations(
      repos,
      located,
      await releaseConfigurations(repos, branch.rule.baseReleaseId),
      operator,
      'unreleased changes moved into the gray branch of a rollout',
    );
    return branch;
  }

  async list(address: NamespaceAddress): Promise<RolloutDto[]> {
    const repos = this.options.database.repos;
    const located = await this.branches.mainOf(repos, address);
    const ns = located.namespace;
    const rows = await repos.rollouts.listByNamespace(
      { appId: ns.appId, clusterName: ns.clusterName, namespaceName: ns.namespaceName },
      50,
    );
    return rows.map(toRolloutDto);
  }

  async get(address: NamespaceAddress, id: number): Promise<RolloutDto> {
    const repos = this.options.database.repos;
    const row = await this.find(repos, address, id);
    const report = await this.health.evaluate(row, parsePlan(row), false);
    return {
      ...toRolloutDto(row),
      events: (await repos.rollouts.listEvents(row.id)).map(toRolloutEventDto),
      health: report.health,
    };
  }

  /** An operator's pause, resume, advance (skips the rest of the bake time and the gates) or abort. */
  async act(
    address: NamespaceAddress,
    id: number,
    action: OperatorAction,
    operator: string,
    reason = '',
  ): Promise<RolloutDto> {
    await this.find(this.options.database.repos, address, id);
    const decision: Decision =
      action === 'advance'
        ? { action: { kind: 'advance', toStep: -1 }, operator, reason }
        : { action: { kind: action }, operator, reason };
    const row = await this.apply(id, decision);
    return toRolloutDto(row!);
  }

  /** What the ticker decided on the rollout as read at `version`; null when someone acted first. */
  applyDecision(
    id: number,
    version: number,
    action: RolloutAction,
    operator: string,
    reason: string,
  ): Promise<RolloutEntity | null> {
    return this.apply(id, { action, operator, reason, expectedVersion: version });
  }

  private async find(repos: RepositoryPorts, address: NamespaceAddress, id: number): Promise<RolloutEntity> {
    const located = await this.branches.mainOf(repos, address);
    const row = await repos.rollouts.findById(id);
    const ns = located.namespace;
    if (
      !row ||
      row.appId !== ns.appId ||
      row.clusterName !== ns.clusterName ||
      row.namespaceName !== ns.namespaceName
    ) {
      throw new DomainError('NOT_FOUND', `namespace ${ns.namespaceName} has no rollout ${id}`, {
        rolloutId: id,
      });
    }
    return row;
  }

  private apply(id: number, decision: Decision): Promise<RolloutEntity | null> {
    return this.announcer.transaction(async (repos, announce) => {
      const seen = await repos.rollouts.findById(id);
      if (!seen) throw new DomainError('NOT_FOUND', `rollout ${id} does not exist`, { rolloutId: id });
      // Every writer of a namespace takes its row first; then this rollout's.
      const located = await this.branches.main(repos, {
        appId: seen.appId,
        cluster: seen.clusterName,
        namespace: seen.namespaceName,
      });
      const row = (await repos.rollouts.lockForUpdate(id))!;
      if (decision.expectedVersion !== undefined && row.version !== decision.expectedVersion) return null;
      return this.transition(repos, announce, located, row, decision);
    });
  }

  private async transition(
    repos: RepositoryPorts,
    announce: Announce,
    located: LocatedNamespace,
    row: RolloutEntity,
    decision: Decision,
  ): Promise<RolloutEntity> {
    const plan = parsePlan(row);
    const { operator, reason } = decision;
    const kind = decision.action.kind;
    if (!isActiveRollout(row.status)) {
      throw new DomainError('CONFLICT', `rollout ${row.id} is ${row.status.replace('_', ' ')}`, {
        reason: 'ROLLOUT_FINISHED',
        status: row.status,
      });
    }
    if (kind === 'wait') return row;
    if (kind === 'pause') {
      if (row.status === 'paused') return row;
      await repos.rollouts.update(row, { status: 'paused', reason });
      await this.record(repos, row, 'paused', operator, reason);
      return row;
    }
    if (kind === 'resume') {
      if (row.status === 'running') return row;
      // The step's bake time starts again: what was seen while paused does not count.
      await repos.rollouts.update(row, { status: 'running', stepStartedAt: new Date(), reason: '' });
      await this.record(repos, row, 'resumed', operator, reason);
      return row;
    }
    const branch = await this.branches.branch(repos, located, row.branchName);
    if (kind === 'abort' || (kind === 'fail' && decision.action.action === 'rollback')) {
      const failures = kind === 'fail' ? decision.action.failures.join('; ') : reason;
      await this.branches.abandonLocked(repos, announce, branch, operator, {
        rollout: { id: row.id, step: row.stepIndex, reason: failures },
      });
      const status = kind === 'abort' ? 'aborted' : 'rolled_back';
      await repos.rollouts.update(row, { status, reason: failures });
      await this.record(repos, row, status, operator, failures);
      return row;
    }
    if (kind === 'fail') {
      const failures = decision.action.failures.join('; ');
      await repos.rollouts.update(row, { status: 'paused', reason: failures });
      await this.record(repos, row, 'gate_failed', operator, `paused: ${failures}`);
      return row;
    }
    const next =
      kind === 'advance' && decision.action.toStep >= 0
        ? decision.action
        : advanceFrom({ steps: plan.steps, stepIndex: row.stepIndex });
    if (next.kind === 'complete')
      return this.complete(repos, announce, located, branch, row, plan, operator, reason);
    if (next.kind !== 'advance') return row;
    const percentage = plan.steps[next.toStep]!.percentage;
    await this.branches.setRulesLocked(
      repos,
      announce,
      branch,
      percentageRule(row.appId, percentage),
      operator,
      {
        rollout: { id: row.id, step: next.toStep, percentage },
      },
    );
    await repos.rollouts.update(row, {
      status: 'running',
      stepIndex: next.toStep,
      stepStartedAt: new Date(),
      reason: '',
    });
    await this.record(repos, row, 'advanced', operator, `${percentage} %${reason ? `: ${reason}` : ''}`);
    return row;
  }

  /** 100 %: the branch merges into main, a normal release for everyone. */
  private async complete(
    repos: RepositoryPorts,
    announce: Announce,
    located: LocatedNamespace,
    branch: GrayBranch,
    row: RolloutEntity,
    plan: RolloutPlan,
    operator: string,
    reason: string,
  ): Promise<RolloutEntity> {
    const merged = await this.branches.mergeLocked(
      repos,
      announce,
      located,
      branch,
      {
        title: row.releaseTitle || undefined,
        comment: row.releaseComment || `rollout ${row.id}`,
        allowSecretsWithoutAccessKey:
          (JSON.parse(row.plan) as { allowSecretsWithoutAccessKey?: boolean })
            .allowSecretsWithoutAccessKey === true,
      },
      true,
      operator,
    );
    await repos.rollouts.update(row, {
      status: 'completed',
      stepIndex: plan.steps.length - 1,
      stepStartedAt: new Date(),
      mergedReleaseId: merged.id,
      reason: '',
    });
    await this.record(
      repos,
      row,
      'completed',
      operator,
      `merged as release ${merged.releaseKey}${reason ? `: ${reason}` : ''}`,
    );
    return row;
  }

  private async record(
    repos: RepositoryPorts,
    row: RolloutEntity,
    kind: string,
    operator: string,
    detail: string,
  ): Promise<void> {
    await repos.rollouts.addEvent({ rolloutId: row.id, kind, stepIndex: row.stepIndex, operator, detail });
    await repos.audits.record(
      'Rollout',
      row.id,
      'ROLLOUT',
      operator,
      `${kind}${detail ? `: ${detail}` : ''}`.slice(0, 500),
    );
  }
}
