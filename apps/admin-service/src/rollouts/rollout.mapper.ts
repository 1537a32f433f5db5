import type { RolloutPlan } from '@houston/domain';
import type { RolloutEntity, RolloutEventEntity } from '@houston/entities';
import type { RolloutDto, RolloutEventDto } from './rollout.dto';

export function parsePlan(row: RolloutEntity): RolloutPlan {
  return JSON.parse(row.plan) as RolloutPlan;
}

export function toRolloutDto(row: RolloutEntity): RolloutDto {
  const plan = parsePlan(row);
  const step = plan.steps[row.stepIndex]!;
  const stepStartedAt = new Date(row.stepStartedAt);
  return {
    id: row.id,
    appId: row.appId,
    clusterName: row.clusterName,
    namespaceName: row.namespaceName,
    branchName: row.branchName,
    status: row.status,
    stepIndex: row.stepIndex,
    percentage: row.status === 'rolled_back' || row.status === 'aborted' ? 0 : step.percentage,
    steps: plan.steps,
    gates: plan.gates,
    onFailure: plan.onFailure,
    stepStartedAt: stepStartedAt.toISOString(),
    ...(row.status === 'running'
      ? { nextStepAt: new Date(stepStartedAt.getTime() + step.bakeTimeMs).toISOString() }
      : {}),
    releaseTitle: row.releaseTitle,
    grayReleaseId: row.grayReleaseId,
    mergedReleaseId: row.mergedReleaseId,
    reason: row.reason,
    version: row.version,
    createdBy: row.createdBy,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

export function toRolloutEventDto(row: RolloutEventEntity): RolloutEventDto {
  return {
    kind: row.kind,
    stepIndex: row.stepIndex,
    operator: row.operator,
    detail: row.detail,
    at: new Date(row.createdAt).toISOString(),
  };
}
