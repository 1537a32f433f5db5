import { AuditFieldsDto } from '../common/audit-fields';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';

export class PublishReleaseDto {
  @ApiPropertyOptional({
    example: '20261123-release',
    maxLength: 64,
    description: 'Defaults to `yyyyMMddHHmmss-release`',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  releaseTitle?: string;

  @ApiPropertyOptional({ maxLength: 256 })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  releaseComment?: string;

  @ApiPropertyOptional({ description: 'Operator (or the X-Operator header)' })
  @IsOptional()
  @IsString()
  releasedBy?: string;

  @ApiPropertyOptional({ description: 'Recorded in the release history' })
  @IsOptional()
  @IsBoolean()
  isEmergencyPublish?: boolean;

  @ApiPropertyOptional({
    description:
      'Release secret values although the app has no enabled FILTER access key (unsigned clients can read them); recorded in the release history and audit row',
  })
  @IsOptional()
  @IsBoolean()
  allowSecretsWithoutAccessKey?: boolean;

  @ApiPropertyOptional({
    minimum: 0,
    description:
      'Publish only if this is still the active release (0: none yet), e.g. `baseReleaseId` of `unreleased-changes`; else 409 `RELEASE_PRECONDITION_FAILED` and nothing is published',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedBaseReleaseId?: number;

  @ApiPropertyOptional({
    pattern: '^[0-9a-f]{64}$',
    description:
      'Publish only if the items are still exactly those of this `fingerprint` (from `unreleased-changes`); else 409 `RELEASE_PRECONDITION_FAILED` and nothing is published',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'expectedFingerprint must be 64 lowercase hex digits' })
  expectedFingerprint?: string;
}

export class ReleaseDto extends AuditFieldsDto {
  @ApiProperty() id!: number;
  @ApiProperty({ example: '20261123104200-3f9a0c1d2e4b5a6c' }) releaseKey!: string;
  @ApiProperty() appId!: string;
  @ApiProperty() clusterName!: string;
  @ApiProperty() namespaceName!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) configurations!: Record<
    string,
    string
  >;
  @ApiProperty() comment!: string;
  @ApiProperty() isAbandoned!: boolean;
}

export class ReleaseHistoryDto {
  @ApiProperty() id!: number;
  @ApiProperty() appId!: string;
  @ApiProperty() clusterName!: string;
  @ApiProperty() namespaceName!: string;
  @ApiProperty() branchName!: string;
  @ApiProperty({ description: 'The release clients get after this operation' }) releaseId!: number;
  @ApiProperty() releaseKey!: string;
  @ApiProperty() releaseTitle!: string;
  @ApiProperty() previousReleaseId!: number;
  @ApiProperty({ description: "Apollo's numbering: 0 normal release, 1 rollback, 2 gray release, …" })
  operation!: number;
  @ApiProperty({ example: 'NORMAL_RELEASE' }) operationName!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) operationContext!: Record<string, unknown>;
  @ApiProperty() dataChangeCreatedBy!: string;
  @ApiProperty() dataChangeCreatedTime!: string;
}

export class ReleaseHistoryPageDto {
  @ApiProperty({ type: ReleaseHistoryDto, isArray: true }) content!: ReleaseHistoryDto[];
  @ApiProperty() page!: number;
  @ApiProperty() size!: number;
  @ApiProperty() total!: number;
}

class KeyValueDto {
  @ApiProperty() key!: string;
  @ApiProperty() value!: string;
}

class ModifiedKeyDto {
  @ApiProperty() key!: string;
  @ApiProperty() oldValue!: string;
  @ApiProperty() newValue!: string;
}

export class ConfigurationDiffDto {
  @ApiProperty({ type: KeyValueDto, isArray: true }) added!: KeyValueDto[];
  @ApiProperty({ type: ModifiedKeyDto, isArray: true }) modified!: ModifiedKeyDto[];
  @ApiProperty({ type: KeyValueDto, isArray: true }) deleted!: KeyValueDto[];
}

export class UnreleasedChangesDto {
  @ApiProperty({ description: 'The active release compared against (0: none yet)' }) baseReleaseId!: number;
  @ApiProperty() hasChanges!: boolean;
  @ApiProperty({ type: ConfigurationDiffDto }) changes!: ConfigurationDiffDto;
  @ApiProperty({
    description:
      'SHA-256 of what publishing now would release; send it (with baseReleaseId) as expectedFingerprint to publish only if nothing moved',
  })
  fingerprint!: string;
}
