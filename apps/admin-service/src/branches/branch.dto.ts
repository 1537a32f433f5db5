import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsArray, IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

export class GrayRuleItemDto {
  @ApiProperty({ example: 'orders' }) clientAppId!: string;
  @ApiProperty({ type: [String], example: ['10.0.0.1'], description: '`*` for every IP' })
  clientIpList!: string[];
  @ApiProperty({ type: [String], example: ['canary'], description: '`*` for every label' })
  clientLabelList!: string[];
  @ApiPropertyOptional({
    example: 10,
    description:
      "Houston: a sticky share (0–100, two decimals) of the app's instances, bucketed by their IP and the branch name; what rollouts widen",
  })
  percentage?: number;
}

export class UpdateGrayRulesDto {
  @ApiProperty({ type: GrayRuleItemDto, isArray: true })
  @IsArray()
  ruleItems!: unknown[];

  @ApiPropertyOptional({ description: 'Operator (or the X-Operator header)' })
  @IsOptional()
  @IsString()
  dataChangeLastModifiedBy?: string;

  // Apollo's OpenGrayReleaseRuleDTO carries these too, and its tools send the DTO back whole;
  // the path names the rule, so they are accepted and not used, as Apollo overwrites them.
  @ApiPropertyOptional({ description: "Ignored (the path's): accepted as in Apollo's rule DTO" })
  @Allow()
  appId?: unknown;
  @ApiPropertyOptional({ description: 'Ignored' }) @Allow() clusterName?: unknown;
  @ApiPropertyOptional({ description: 'Ignored' }) @Allow() namespaceName?: unknown;
  @ApiPropertyOptional({ description: 'Ignored' }) @Allow() branchName?: unknown;
  @ApiPropertyOptional({ description: 'Ignored' }) @Allow() dataChangeCreatedBy?: unknown;
  @ApiPropertyOptional({ description: 'Ignored' }) @Allow() dataChangeCreatedTime?: unknown;
  @ApiPropertyOptional({ description: 'Ignored' }) @Allow() dataChangeLastModifiedTime?: unknown;
}

export class CreateBranchDto {
  @ApiPropertyOptional({ description: 'Operator (or the X-Operator header)' })
  @IsOptional()
  @IsString()
  dataChangeCreatedBy?: string;
}

export class MergeBranchDto {
  @ApiPropertyOptional({ maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  releaseTitle?: string;

  @ApiPropertyOptional({ maxLength: 256 })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  releaseComment?: string;

  @ApiPropertyOptional({
    default: true,
    description: 'Delete the branch after the merge (keep it with false)',
  })
  @IsOptional()
  @IsBoolean()
  deleteBranch?: boolean;

  @ApiPropertyOptional({
    description:
      'Release secret values although the app has no enabled FILTER access key; recorded in the release history and audit row',
  })
  @IsOptional()
  @IsBoolean()
  allowSecretsWithoutAccessKey?: boolean;

  @ApiPropertyOptional({ description: 'Operator (or the X-Operator header)' })
  @IsOptional()
  @IsString()
  releasedBy?: string;
}

export class BranchDto {
  @ApiProperty({ description: 'The branch (a child cluster)' }) branchName!: string;
  @ApiProperty() appId!: string;
  @ApiProperty({ description: 'The main cluster' }) clusterName!: string;
  @ApiProperty() namespaceName!: string;
  @ApiProperty({ type: GrayRuleItemDto, isArray: true }) ruleItems!: GrayRuleItemDto[];
  @ApiProperty({ description: 'The newest gray release (0: none yet)' }) releaseId!: number;
  @ApiProperty({ description: 'The main release the branch is based on' }) baseReleaseId!: number;
}
