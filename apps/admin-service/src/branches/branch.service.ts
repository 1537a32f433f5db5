import {
  assertUnchangedSinceChecked,
  applyConfigurationDiff,
  configurationsOf,
  createReleaseKey,
  DomainError,
  ReleaseOperation,
  validateGrayRules,
  checkSecretRelease,
  type GrayRuleItem,
} from '@houston/domain';
import { BranchStatus, type ReleaseEntity } from '@houston/entities';
import type { RepositoryPorts } from '@houston/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import { ItemService } from '../items/item.service';
import {
  locateNamespace,
  type LocatedNamespace,
  type NamespaceAddress,
} from '../namespaces/namespace-locator';
import { softDeleteNamespaces } from '../namespaces/namespace-removal';
import type { ReleaseDto } from '../releases/release.dto';
import type { RecordRequest } from '../idempotency/idempotent-requests';
import { toReleaseDto } from '../releases/release.mapper';
import { ReleaseAnnouncer, type Announce } from '../releases/release-announcer';
import { ReleasePublisher, type PublishRequest } from '../releases/release-publisher';
import { enforceSchema } from '../schemas/enforce-schema';
import { ReleaseChecks } from '../releases/release-checks';
import type { BranchDto } from './branch.dto';
import {
  branchChanges,
  findActiveBranch,
  insertGrayRelease,
  parseRules,
  releaseConfigurations,
  type GrayBranch,
} from './gray-branch';

/**
 * A branch a rollout drives is changed only through the rollout (pause, resume, advance, abort):
 * a hand-made rule, gray release, merge or abandon would fight the ticker.
 */
async function refuseUnderRollout(repos: RepositoryPorts, branch: GrayBranch): Promise<void> {
  const rollout = await repos.rollouts.findActiveByBranch(branch.parent.appId, branch.rule.branchName);
  if (rollout) {
    throw new DomainError(
      'CONFLICT',
      `gray branch ${branch.rule.branchName} belongs to rollout ${rollout.id}; pause, advance or abort the rollout instead`,
      { reason: 'ROLLOUT_ACTIVE', rolloutId: rollout.id },
    );
  }
}

function toBranchDto(branch: GrayBranch): BranchDto {
  return {
    branchName: branch.rule.branchName,
    appId: branch.parent.appId,
    clusterName: branch.parent.clusterName,
    namespaceName: branch.parent.namespaceName,
    ruleItems: parseRules(branch.rule),
    releaseId: branch.rule.releaseId,
    baseReleaseId: branch.rule.baseReleaseId,
  };
}

/**
 * Apollo's gray release. A branch is a child cluster holding a copy of the main release's
 * configuration; the operator changes it, publishes a gray release, and rules pick the clients
 * that get it. Every step is one transaction with a history row and a message on the main key
 * (which is what clients watch).
 */
@Injectable()
export class BranchService {
  constructor(
    @Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions,
    private readonly items: ItemService,
    private readonly publisher: ReleasePublisher,
    private readonly announcer: ReleaseAnnouncer,
    private readonly checks: ReleaseChecks,
  ) {}

  /**
   * The release checks (schema, validation webhooks), before the transaction (a slow hook must
   * hold nothing), of what a gray release or a merge would publish; a failure is thrown. Answers
   * what the webhooks approved (undefined: there are none), which the transaction compares with
   * what it publishes.
   */
  private async askWebhooks(
    address: NamespaceAddress,
    branchName: string,
    operator: string,
    what: 'gray' | 'merge',
  ): Promise<Record<string, string> | undefined> {
    const repos = this.database.repos;
    const located = await locateNamespace(repos, address);
    if (located.cluster.parentClusterId !== 0) return undefined;
    const branch = await this.branch(repos, located, branchName);
    const next =
      what === 'gray'
        ? await this.grayConfiguration(repos, branch)
        : await this.mergedConfiguration(repos, located, branch);
    return this.checks.enforce(repos, {
      located,
      next,
      what: what === 'gray' ? 'the gray release' : 'the release',
      operator,
      ...(what === 'gray'
        ? {
            gray: {
              branchName,
              previous: () =>
                releaseConfigurations(repos, branch.rule.releaseId || branch.rule.baseReleaseId),
            },
          }
        : {}),
    });
  }

  /** What a gray release of the branch would publish: its items. */
  async grayConfiguration(repos: RepositoryPorts, branch: GrayBranch): Promise<Record<string, string>> {
    return (await branchChanges(repos, branch)).current;
  }

  /** What merging the branch would publish: its changes applied to the main items. */
  async mergedConfiguration(
    repos: RepositoryPorts,
    located: LocatedNamespace,
    branch: GrayBranch,
  ): Promise<Record<string, string>> {
    const { diff } = await branchChanges(repos, branch);
    return applyConfigurationDiff(
      configurationsOf(await repos.items.listByNamespace(located.namespace.id)),
      diff,
    );
  }

  private get database() {
    return this.options.database;
  }

  /** The main namespace at `address`, its row held for the transaction. */
  async main(repos: RepositoryPorts, address: NamespaceAddress): Promise<LocatedNamespace> {
    const located = await this.mainOf(repos, address);
    await repos.namespaces.lockForUpdate(located.namespace.id);
    return located;
  }

  /** The main namespace at `address` (a branch's own cluster is refused), read without a lock. */
  async mainOf(repos: RepositoryPorts, address: NamespaceAddress): Promise<LocatedNamespace> {
    const located = await locateNamespace(repos, address);
    if (located.cluster.parentClusterId !== 0) {
      throw new DomainError('CONFLICT', `${address.cluster} is itself a branch`, {
        cluster: address.cluster,
      });
    }
    return located;
  }

  async branch(repos: RepositoryPorts, located: LocatedNamespace, branchName?: string): Promise<GrayBranch> {
    const ns = located.namespace;
    const parent = { appId: ns.appId, clusterName: ns.clusterName, namespaceName: ns.namespaceName };
    const branch = await findActiveBranch(repos, parent, branchName);
    if (!branch) {
      throw new DomainError(
        'NOT_FOUND',
        `namespace ${ns.namespaceName} has no ${branchName ? `branch ${branchName}` : 'gray branch'}`,
        {
          ...parent,
          branchName,
        },
      );
    }
    return branch;
  }

  async get(address: NamespaceAddress): Promise<BranchDto> {
    const repos = this.database.repos;
    return toBranchDto(await this.branch(repos, await locateNamespace(repos, address)));
  }

  async create(address: NamespaceAddress, operator: string): Promise<BranchDto> {
    return this.database.transaction(async (repos) => {
      const located = await this.main(repos, address);
      return toBranchDto(await this.createLocked(repos, located, operator));
    });
  }

  /** A new branch of the main namespace, inside the caller's transaction (which holds its row). */
  async createLocked(
    repos: RepositoryPorts,
    located: LocatedNamespace,
    operator: string,
  ): Promise<GrayBranch> {
    const ns = located.namespace;
    const parent = { appId: ns.appId, clusterName: ns.clusterName, namespaceName: ns.namespaceName };
    if (await findActiveBranch(repos, parent)) {
      throw new DomainError(
        'ALREADY_EXISTS',
        `namespace ${ns.namespaceName} already has a gray branch`,
        parent,
      );
    }
    const who = { createdBy: operator, lastModifiedBy: operator };
    const branchName = createReleaseKey();
    await repos.clusters.insert({
      appId: ns.appId,
      name: branchName,
      parentClusterId: located.cluster.id,
      ...who,
    });
    const namespace = await repos.namespaces.insert({
      appId: ns.appId,
      clusterName: branchName,
      namespaceName: ns.namespaceName,
      ...who,
    });
    const base = await repos.releases.findLatestActive(parent);
    const rule = await repos.grayRules.insert({
      ...parent,
      branchName,
      rules: '[]',
      releaseId: 0,
      baseReleaseId: base?.id ?? 0,
      branchStatus: BranchStatus.ACTIVE,
      ...who,
    });
    const branch: GrayBranch = { rule, namespace, parent };
    const cluster = (await repos.clusters.find(ns.appId, branchName))!;
    // The branch starts as the released configuration; its changes are measured against it.
    await this.items.replaceConfigurations(
      repos,
      { ...located, cluster, namespace },
      await releaseConfigurations(repos, rule.baseReleaseId),
      operator,
      'gray branch created from the main release',
    );
    await repos.audits.record('GrayBranch', rule.id, 'INSERT', operator, branchName);
    return branch;
  }

  async updateRules(
    address: NamespaceAddress,
    branchName: string,
    ruleItems: unknown,
    operator: string,
  ): Promise<BranchDto> {
    const rules = validateGrayRules(ruleItems);
    return this.announcer.transaction(async (repos, announce) => {
      const located = await this.main(repos, address);
      const branch = await this.branch(repos, located, branchName);
      await refuseUnderRollout(repos, branch);
      return toBranchDto(await this.setRulesLocked(repos, announce, branch, rules, operator));
    });
  }

  /** Replaces the branch's rules inside the caller's transaction; `context` joins the history row's. */
  async setRulesLocked(
    repos: RepositoryPorts,
    announce: Announce,
    branch: GrayBranch,
    rules: GrayRuleItem[],
    operator: string,
    context: Record<string, unknown> = {},
  ): Promise<GrayBranch> {
    // Apollo replaces the rule row: the old one stays as history.
    await repos.grayRules.softDelete(branch.rule.id, operator);
    const { id: _old, createdAt: _c, updatedAt: _u, ...kept } = branch.rule;
    const rule = await repos.grayRules.insert({
      ...kept,
      rules: JSON.stringify(rules),
      createdBy: operator,
      lastModifiedBy: operator,
    });
    await repos.releaseHistories.insert({
      ...branch.parent,
      branchName: branch.rule.branchName,
      releaseId: rule.releaseId,
      previousReleaseId: rule.releaseId,
      operation: ReleaseOperation.APPLY_GRAY_RULES,
      operationContext: JSON.stringify({ rules, ...context }),
      createdBy: operator,
      lastModifiedBy: operator,
    });
    // Clients under the old rules and under the new ones both watch the main key.
    await announce(branch.parent);
    return { ...branch, rule };
  }

  async publishGray(
    address: NamespaceAddress,
    branchName: string,
    request: PublishRequest,
    operator: string,
    record?: RecordRequest<ReleaseDto>,
  ): Promise<ReleaseDto> {
    const approved = await this.askWebhooks(address, branchName, operator, 'gray');
    const release = await this.announcer.transaction(async (repos, announce) => {
      const located = await this.main(repos, address);
      const branch = await this.branch(repos, located, branchName);
      await refuseUnderRollout(repos, branch);
      await repos.namespaces.lockForUpdate(branch.namespace.id);
      const { current } = await branchChanges(repos, branch);
      if (approved) assertUnchangedSinceChecked(approved, current, { ...address }, 'publish again');
      // Gray clients get what main's clients would: the same schema holds.
      await enforceSchema(
        repos,
        this.options.documents,
        located.definition,
        'the gray release',
        () => current,
      );
      // Gray clients get the branch's secrets in clear just as main's clients do.
      const { overridden } = checkSecretRelease(
        branch.parent.appId,
        current,
        await repos.accessKeys.lockEnabledModes(branch.parent.appId),
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
      await repos.audits.record(
        'Release',
        release.id,
        'RELEASE',
        operator,
        `gray: ${release.name}${overridden ? ' (secrets released without an access key)' : ''}`,
      );
      await announce(branch.parent);
      await record?.(repos, toReleaseDto(release));
      return release;
    }, 'gray_publish');
    return toReleaseDto(release);
  }

  /**
   * The branch's changes applied to the main namespace's items, then a main release; the branch
   * is deleted afterwards unless told to stay (then it is based on the new main release).
   */
  async merge(
    address: NamespaceAddress,
    branchName: string,
    request: PublishRequest,
    deleteBranch: boolean,
    operator: string,
    record?: RecordRequest<ReleaseDto>,
  ): Promise<ReleaseDto> {
    // A merge is a main release: the hooks are asked about the merged configuration, and the
    // schema is checked on it (by publishLocked) before anything is written.
    const approved = await this.askWebhooks(address, branchName, operator, 'merge');
    const merged = await this.announcer.transaction(async (repos, announce) => {
      const located = await this.main(repos, address);
      const branch = await this.branch(repos, located, branchName);
      await refuseUnderRollout(repos, branch);
      const merged = await this.mergeLocked(
        repos,
        announce,
        located,
        branch,
        request,
        deleteBranch,
        operator,
        approved,
      );
      await record?.(repos, toReleaseDto(merged));
      return merged;
    }, 'merge');
    return toReleaseDto(merged);
  }

  /**
   * The merge inside the caller's transaction, which holds the main namespace's row. `approved`:
   * what the validation webhooks were asked about, which must be what is merged.
   */
  async mergeLocked(
    repos: RepositoryPorts,
    announce: Announce,
    located: LocatedNamespace,
    branch: GrayBranch,
    request: PublishRequest,
    deleteBranch: boolean,
    operator: string,
    approved?: Record<string, string>,
  ): Promise<ReleaseEntity> {
    const branchName = branch.rule.branchName;
    const next = await this.mergedConfiguration(repos, located, branch);
    if (approved) {
      const { appId, clusterName: cluster, namespaceName: namespace } = located.namespace;
      assertUnchangedSinceChecked(approved, next, { appId, cluster, namespace }, 'publish again');
    }
    await this.items.replaceConfigurations(
      repos,
      located,
      next,
      operator,
      `merge of gray branch ${branchName}`,
    );
    if (deleteBranch) await this.retire(repos, announce, branch, BranchStatus.MERGED, operator);
    const merged = await this.publisher.publishLocked(
      repos,
      announce,
      located,
      request,
      operator,
      ReleaseOperation.GRAY_RELEASE_MERGE_TO_MASTER,
    );
    if (deleteBranch) {
      await repos.releaseHistories.insert({
        ...branch.parent,
        branchName,
        releaseId: merged.id,
        previousReleaseId: branch.rule.releaseId,
        operation: ReleaseOperation.GRAY_RELEASE_DELETED_AFTER_MERGE,
        operationContext: '{}',
        createdBy: operator,
        lastModifiedBy: operator,
      });
    }
    return merged;
  }

  /** Abandon: gray clients go back to the main release. */
  async abandon(address: NamespaceAddress, branchName: string, operator: string): Promise<void> {
    await this.announcer.transaction(async (repos, announce) => {
      const located = await this.main(repos, address);
      const branch = await this.branch(repos, located, branchName);
      await refuseUnderRollout(repos, branch);
      await this.abandonLocked(repos, announce, branch, operator);
    });
  }

  /** Abandons the branch inside the caller's transaction; `context` goes into the history row. */
  async abandonLocked(
    repos: RepositoryPorts,
    announce: Announce,
    branch: GrayBranch,
    operator: string,
    context: Record<string, unknown> = {},
  ): Promise<void> {
    await this.retire(repos, announce, branch, BranchStatus.DELETED, operator);
    await repos.releaseHistories.insert({
      ...branch.parent,
      branchName: branch.rule.branchName,
      releaseId: branch.rule.releaseId,
      previousReleaseId: branch.rule.releaseId,
      operation: ReleaseOperation.ABANDON_GRAY_RELEASE,
      operationContext: JSON.stringify(context),
      createdBy: operator,
      lastModifiedBy: operator,
    });
    await announce(branch.parent);
  }

  private async retire(
    repos: RepositoryPorts,
    announce: Announce,
    branch: GrayBranch,
    status: number,
    operator: string,
  ): Promise<void> {
    await repos.grayRules.update(branch.rule.id, { branchStatus: status, lastModifiedBy: operator });
    await softDeleteNamespaces(repos, announce, [branch.namespace], operator);
    const cluster = await repos.clusters.find(branch.parent.appId, branch.rule.branchName);
    if (cluster) await repos.clusters.softDelete(cluster.id, operator);
    await repos.audits.record(
      'GrayBranch',
      branch.rule.id,
      'DELETE',
      operator,
      status === BranchStatus.MERGED ? 'merged' : 'abandoned',
    );
  }
}
