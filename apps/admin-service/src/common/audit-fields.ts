import type { AuditedEntity } from '@houston/entities';

/** Apollo's names for who and when, on every DTO it returns. */
export interface AuditFieldsDto {
  dataChangeCreatedBy: string;
  dataChangeLastModifiedBy: string;
  dataChangeCreatedTime: string;
  dataChangeLastModifiedTime: string;
}

export function auditFields(entity: AuditedEntity): AuditFieldsDto {
  return {
    dataChangeCreatedBy: entity.createdBy,
    dataChangeLastModifiedBy: entity.lastModifiedBy,
    dataChangeCreatedTime: entity.createdAt.toISOString(),
    dataChangeLastModifiedTime: entity.updatedAt.toISOString(),
  };
}
