import {
  applyConfigurationDiff,
  compareConfigurations,
  configurationsOf,
  createReleaseKey,
  defaultReleaseTitle,
  ReleaseOperation,
  type GrayRuleItem,
  type ReleaseOperationCode,
} from '@houston/domain';
import type { GrayReleaseRuleEntity, NamespaceEntity, ReleaseEntity } from '@houston/entities';
import type { NamespaceRef, RepositoryPorts } from '@houston/persistence';
import type { ItemService } from '../items/item.service';
import type { LocatedNamespace } from '../namespaces/namespace-locator';
import { parseConfigurations } from '../releases/release.mapper';

/** A namespace's gray branch: its rule row and its namespace in the child cluster. */
export interface GrayBranch {
  rule: GrayReleaseRuleEntity;
  /** The branch's namespace (cluster = branch name). */
  namespace: NamespaceEntity;
  /** The main namespace's address; clients watch its key. */
  parent: NamespaceRef;
}

export function parseRules(rule: GrayReleaseRuleEntity): GrayRuleItem[] {
  return JSON.parse(rule.rules) as GrayRuleItem[];
}

export async function findActiveBranch(
  repos: RepositoryPorts,
  parent: NamespaceRef,
  branchName?: string,
): Promise<GrayBranch | null> {
  const rules = await repos.grayRules.listActive(parent);
  const rule =
    branchName === undefined ? rules[0] : rules.find((candidate) => candidate.branchName === branchName);
  if (!rule) return null;
  const namespace = await repos.namespaces.find(parent.appId, rule.branchName, parent.namespaceName);
  return namespace ? { rule, namespace, parent } : null;
}

export async function releaseConfigurations(
  repos: RepositoryPorts,
  releaseId: number,
): Promise<Record<string, string>> {
  const release = releaseId ? await repos.releases.findById(releaseId) : null;
  return release ? parseConfigurations(release.configurations) : {};
}

/** The branch's changes against the main release it was based on. */
export async function branchChanges(repos: RepositoryPorts, branch: GrayBranch) {
  const base = await releaseConfigurations(repos, branch.rule.baseReleaseId);
  const current = configurationsOf(await repos.items.listByNamespace(branch.namespace.id));
  return { base, current, diff: compareConfigurations(base, current) };
}

/** Writes a release of the branch (the gray release) and points the rule at it. */
export async function insertGrayRelease(
  repos: RepositoryPorts,
  branch: GrayBranch,
  configurations: Record<string, string>,
  operator: string,
  operation: ReleaseOperationCode,
  title?: string,
  comment?: string,
): Promise<ReleaseEntity> {
  const ref = {
    appId: branch.parent.appId,
    clusterName: branch.rule.branchName,
    namespaceName: branch.parent.namespaceName,
  };
  const release = await repos.releases.insert({
    ...ref,
    releaseKey: createReleaseKey(),
    name: title?.trim() || defaultReleaseTitle(),
    comment: comment ?? '',
    configurations: JSON.stringify(configurations),
    isAbandoned: false,
    createdBy: operator,
    lastModifiedBy: operator,
  });
  await repos.releaseHistories.insert({
    ...branch.parent,
    branchName: branch.rule.branchName,
    releaseId: release.id,
    previousReleaseId: branch.rule.releaseId,
    operation,
    operationContext: JSON.stringify({ baseReleaseId: branch.rule.baseReleaseId }),
    createdBy: operator,
    lastModifiedBy: operator,
  });
  await repos.grayRules.update(branch.rule.id, { releaseId: release.id, lastModifiedBy: operator });
  branch.rule.releaseId = release.id;
  return release;
}

/**
 * After a main release: the branch keeps its own changes on top of the new main configuration
 * (its items are rewritten so), and if gray clients already have a gray release they get a new
 * one with the main release's other changes (Apollo's operation 5), in the same transaction.
 */
export async function rebaseBranchOnMainRelease(
  repos: RepositoryPorts,
  items: ItemService,
  located: LocatedNamespace,
  mainRelease: ReleaseEntity,
  operator: string,
): Promise<void> {
  const parent = {
    appId: mainRelease.appId,
    clusterName: mainRelease.clusterName,
    namespaceName: mainRelease.namespaceName,
  };
  const branch = await findActiveBranch(repos, parent);
  if (!branch) return;
  const { diff } = await branchChanges(repos, branch);
  const rebased = applyConfigurationDiff(parseConfigurations(mainRelease.configurations), diff);
  const cluster = await repos.clusters.find(parent.appId, branch.rule.branchName);
  await items.replaceConfigurations(
    repos,
    { ...located, cluster: cluster ?? located.cluster, namespace: branch.namespace },
    rebased,
    operator,
    'main release carried into the gray branch',
  );
  await repos.grayRules.update(branch.rule.id, { baseReleaseId: mainRelease.id });
  branch.rule.baseReleaseId = mainRelease.id;
  if (branch.rule.releaseId > 0) {
    await insertGrayRelease(
      repos,
      branch,
      rebased,
      operator,
      ReleaseOperation.MASTER_NORMAL_RELEASE_MERGE_TO_GRAY,
      mainRelease.name,
    );
  }
}
