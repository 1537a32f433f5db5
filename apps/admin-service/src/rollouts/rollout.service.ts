import {
  assertUnchangedSinceChecked,
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
import { rolloutMetricsOf, type RolloutMetrics } from '../metrics/rollout-metrics';
import { ReleaseChecks } from '../releases/release-checks';
import { parseConfigurations } from '../releases/release.mapper';
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
  /** The merged configuration the release checks passed, which the merge must still publish. */
  approved?: Record<string, string>;
}

/** The release checks of a rollout's next move: what failed (none: it may go), what was checked. */
export interface StepChecks {
  problem?: DomainError;
  checked?: Record<string, string>;
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
    private readonly checks: ReleaseChecks,
  ) {
    this.metrics = rolloutMetricsOf(options.metrics);
  }

  private readonly metrics?: RolloutMetrics;

  private get settings() {
    return this.options.rollouts ?? DEFAULT_ROLLOUT_SETTINGS;
  }

  async start(
    address: NamespaceAddress,
    request: StartRolloutRequest,
    operator: string,
  ): Promise<RolloutDto> {
    const plan = validateRolloutPlan(request.plan, { minBakeTimeMs: this.settings.minBakeTimeMs });
    const checked = await this.checkStart(address, request, plan.steps[0]!.percentage, operator);
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
      assertUnchangedSinceChecked(checked, current, { ...parent }, 'start the rollout again');
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
   * The release checks of the first gray release, before the transaction: what it would publish
   * (the unreleased changes, or the named branch's items) against the schema and the webhooks. A
   * failure refuses the start as it would a gray release; answers what was checked.
   */
  private async checkStart(
    address: NamespaceAddress,
    request: StartRolloutRequest,
    percentage: number,
    operator: string,
  ): Promise<Record<string, string>> {
    const repos = this.options.database.repos;
    const located = await this.branches.mainOf(repos, address);
    const next = request.branchName
      ? await this.branches.grayConfiguration(
          repos,
          await this.branches.branch(repos, located, request.branchName),
        )
      : configurationsOf(await repos.items.listByNamespace(located.namespace.id));
    const outcome = await this.checks.run(repos, {
      located,
      next,
      what: 'the gray release',
      operator,
      gray: {
        branchName: request.branchName ?? '',
        previous: () => this.mainConfiguration(repos, located),
      },
      rollout: { step: 0, percentage },
    });
    if (outcome.problem) throw outcome.problem;
    return next;
  }

  /**
   * The release checks of a rollout's next move, outside any transaction, as a hand-made gray
   * release or merge would pass them: a step widens the gray release to more clients, so that
   * release is checked again (the schema or the hooks may have changed since it began); the merge
   * is a main release of the merged configuration.
   */
  async checkStep(
    row: RolloutEntity,
    move: { kind: 'advance'; toStep: number } | { kind: 'complete' },
    operator: string,
  ): Promise<StepChecks> {
    const repos = this.options.database.repos;
    const located = await this.branches.mainOf(repos, {
      appId: row.appId,
      cluster: row.clusterName,
      namespace: row.namespaceName,
    });
    const branch = await this.branches.branch(repos, located, row.branchName);
    if (move.kind === 'complete') {
      const next = await this.branches.mergedConfiguration(repos, located, branch);
      const outcome = await this.checks.run(repos, {
        located,
        next,
        what: `the merge of rollout ${row.id}`,
        operator,
        rollout: { id: row.id, step: parsePlan(row).steps.length - 1, percentage: 100 },
      });
      return outcome.problem ? { problem: outcome.problem } : { checked: next };
    }
    const percentage = parsePlan(row).steps[move.toStep]!.percentage;
    const outcome = await this.checks.run(repos, {
      located,
      next: await releaseConfigurations(repos, branch.rule.releaseId),
      what: `the gray release of rollout ${row.id} at ${percentage} %`,
      operator,
      // The clients this step adds get the main release now.
      gray: { branchName: row.branchName, previous: () => this.mainConfiguration(repos, located) },
      rollout: { id: row.id, step: move.toStep, percentage },
    });
    return outcome.problem ? { problem: outcome.problem } : {};
  }

  private async mainConfiguration(
    repos: RepositoryPorts,
    located: LocatedNamespace,
  ): Promise<Record<string, string>> {
    const ns = located.namespace;
    const active = await repos.releases.findLatestActive({
      appId: ns.appId,
      clusterName: ns.clusterName,
      namespaceName: ns.namespaceName,
    });
    return active ? parseConfigurations(active.configurations) : {};
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
    const seen = await this.find(this.options.database.repos, address, id);
    if (action !== 'advance') {
      const row = await this.apply(id, { action: { kind: action }, operator, reason });
      return toRolloutDto(row!);
    }
    // An operator skips the bake time and the gates, not the release checks: refused as a hand-made
    // gray release or merge would be, and the rollout stays where it is.
    if (!isActiveRollout(seen.status)) {
      throw new DomainError('CONFLICT', `rollout ${seen.id} is ${seen.status.replace('_', ' ')}`, {
        reason: 'ROLLOUT_FINISHED',
        status: seen.status,
      });
    }
    const next = advanceFrom({ steps: parsePlan(seen).steps, stepIndex: seen.stepIndex });
    if (next.kind !== 'advance' && next.kind !== 'complete') return toRolloutDto(seen);
    const { problem, checked } = await this.checkStep(seen, next, operator);
    if (problem) throw problem;
    const row = await this.apply(id, {
      action: next,
      operator,
      reason,
      expectedVersion: seen.version,
      ...(checked ? { approved: checked } : {}),
    });
    if (!row) {
      throw new DomainError(
        'CONCURRENT_MODIFICATION',
        `rollout ${id} moved meanwhile; look at it and act again`,
        {
          rolloutId: id,
        },
      );
    }
    return toRolloutDto(row);
  }

  /** What the ticker decided on the rollout as read at `version`; null when someone acted first. */
  applyDecision(
    id: number,
    version: number,
    action: RolloutAction,
    operator: string,
    reason: string,
    approved?: Record<string, string>,
  ): Promise<RolloutEntity | null> {
    return this.apply(id, {
      action,
      operator,
      reason,
      expectedVersion: version,
      ...(approved ? { approved } : {}),
    });
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

  private async apply(id: number, decision: Decision): Promise<RolloutEntity | null> {
    let before: { status: string; stepIndex: number } | undefined;
    const row = await this.announcer.transaction(async (repos, announce) => {
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
      before = { status: row.status, stepIndex: row.stepIndex };
      return this.transition(repos, announce, located, row, decision);
    });
    // Counted once committed: a transition rolled back never happened.
    if (row && before && this.metrics) {
      if (row.status === 'running' && row.stepIndex > before.stepIndex) this.metrics.stepsAdvanced++;
      if (decision.action.kind === 'fail' && row.status !== before.status) {
        this.metrics.gateFailed(decision.action.gates);
        if (row.status === 'rolled_back') this.metrics.autoRollbacks++;
      }
    }
    return row;
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
      return this.complete(repos, announce, located, branch, row, plan, operator, reason, decision.approved);
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
    approved?: Record<string, string>,
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
      approved,
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
