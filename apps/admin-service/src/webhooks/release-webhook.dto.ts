import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, MaxLength, Min, MinLength } from 'class-validator';

export const FAILURE_POLICIES = ['fail-closed', 'fail-open'] as const;
export type FailurePolicy = (typeof FAILURE_POLICIES)[number];

export class CreateReleaseWebhookDto {
  @ApiProperty({
    example: 'https://checks.example.com/houston',
    description: 'http or https; called with POST',
  })
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  @MaxLength(2048)
  url!: string;

  @ApiPropertyOptional({
    description: 'Only releases of this namespace; every namespace of the app when absent',
  })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  namespaceName?: string;

  @ApiProperty({
    minLength: 16,
    maxLength: 256,
    description: 'The HMAC-SHA256 key calls are signed with; not shown again',
  })
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  secret!: string;

  @ApiPropertyOptional({
    minimum: 100,
    maximum: 30000,
    default: 5000,
    description: 'Longest wait for the answer, ms',
  })
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(30000)
  timeoutMs?: number;

  @ApiPropertyOptional({
    enum: FAILURE_POLICIES,
    default: 'fail-closed',
    description:
      'When the hook times out or answers an error: refuse the release (fail-closed) or let it go (fail-open)',
  })
  @IsOptional()
  @IsIn(FAILURE_POLICIES)
  failurePolicy?: FailurePolicy;
}

export class ReleaseWebhookDto {
  @ApiProperty() id!: number;
  @ApiProperty() appId!: string;
  @ApiProperty({ description: 'Empty: every namespace of the app' }) namespaceName!: string;
  @ApiProperty() url!: string;
  @ApiProperty() timeoutMs!: number;
  @ApiProperty({ enum: FAILURE_POLICIES }) failurePolicy!: FailurePolicy;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: Date;
}
