import { ApiProperty } from '@nestjs/swagger';
import type { AuditedEntity } from '@houston/entities';

/** Apollo's names for who and when, on every DTO it returns. */
export class AuditFieldsDto {
  @ApiProperty() dataChangeCreatedBy!: string;
  @ApiProperty() dataChangeLastModifiedBy!: string;
  @ApiProperty({ format: 'date-time' }) dataChangeCreatedTime!: string;
  @ApiProperty({ format: 'date-time' }) dataChangeLastModifiedTime!: string;
}

export function auditFields(entity: AuditedEntity): AuditFieldsDto {
  return {
    dataChangeCreatedBy: entity.createdBy,
    dataChangeLastModifiedBy: entity.lastModifiedBy,
    dataChangeCreatedTime: entity.createdAt.toISOString(),
    dataChangeLastModifiedTime: entity.updatedAt.toISOString(),
  };
}
