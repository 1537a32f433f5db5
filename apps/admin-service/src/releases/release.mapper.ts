import { maskConfigurations, releaseOperationName, type ReleaseOperationCode } from '@houston/domain';
import type { ReleaseEntity, ReleaseHistoryEntity } from '@houston/entities';
import { auditFields } from '../common/audit-fields';
import type { ReleaseDto, ReleaseHistoryDto } from './release.dto';

export function parseConfigurations(json: string): Record<string, string> {
  return JSON.parse(json) as Record<string, string>;
}

export function toReleaseDto(release: ReleaseEntity): ReleaseDto {
  return {
    id: release.id,
    releaseKey: release.releaseKey,
    appId: release.appId,
    clusterName: release.clusterName,
    namespaceName: release.namespaceName,
    name: release.name,
    // Secret values stay encrypted in the release; answers never carry even the ciphertext.
    configurations: maskConfigurations(parseConfigurations(release.configurations)),
    comment: release.comment,
    isAbandoned: release.isAbandoned,
    ...auditFields(release),
  };
}

export function toReleaseHistoryDto(
  history: ReleaseHistoryEntity,
  release: ReleaseEntity | undefined,
): ReleaseHistoryDto {
  return {
    id: history.id,
    appId: history.appId,
    clusterName: history.clusterName,
    namespaceName: history.namespaceName,
    branchName: history.branchName,
    releaseId: history.releaseId,
    releaseKey: release?.releaseKey ?? '',
    releaseTitle: release?.name ?? '',
    previousReleaseId: history.previousReleaseId,
    operation: history.operation,
    operationName: releaseOperationName(history.operation as ReleaseOperationCode),
    operationContext: history.operationContext
      ? (JSON.parse(history.operationContext) as Record<string, unknown>)
      : {},
    dataChangeCreatedBy: history.createdBy,
    dataChangeCreatedTime: history.createdAt.toISOString(),
  };
}
