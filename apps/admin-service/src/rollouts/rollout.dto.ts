import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

export class RolloutStepRequestDto {
  @ApiProperty({
    example: 10,
    description: "Share of the app's instances (above 0, at most 100, two decimals)",
  })
  percentage!: number;
  @ApiPropertyOptional({
    example: '10m',
    description:
      'How long the step must stay healthy before the next one (`500ms`, `30s`, `10m`, `1h`, `1d`); at least HOUSTON_ROLLOUT_MIN_BAKE_TIME; absent on the last step',
  })
  bakeTime?: string;
}

export class RolloutGatesRequestDto {
  @ApiPropertyOptional({
    default: 0,
    description:
      'Instances that may report the new release `rejected` or `check_failed` before the gate fails',
  })
  maxRejectedInstances?: number;
  @ApiPropertyOptional({
    description:
      'Instances that may take the new release and then stop being seen for `silentAfter` before the gate fails (absent: not checked)',
  })
  maxSilentInstances?: number;
  @ApiPropertyOptional({
    default: '10m',
    description:
      "How long an instance may go unseen; keep it above the clients' refresh interval (5 min for Apollo's and Houston's)",
  })
  silentAfter?: string;
  @ApiPropertyOptional({
    example: 'http://prometheus:9090/api/v1/query?query=errors_high',
    description:
      'Asked (GET) at every evaluation: healthy on a 2xx with `{"healthy": true}`, `{"verdict": "pass"}` or a Prometheus answer with no series',
  })
  checkUrl?: string;
  @ApiPropertyOptional({
    default: '5s',
    description: 'Longest the check may take (100 ms – 60 s); no answer is unhealthy',
  })
  checkTimeout?: string;
}

export class StartRolloutDto {
  @ApiProperty({
    type: RolloutStepRequestDto,
    isArray: true,
    description: 'Rising percentages ending at 100',
  })
  @IsArray()
  steps!: unknown[];

  @ApiPropertyOptional({ type: RolloutGatesRequestDto })
  @IsOptional()
  @IsObject()
  gates?: Record<string, unknown>;

  @ApiPropertyOptional({
    enum: ['rollback', 'pause'],
    default: 'rollback',
    description: 'What a failed gate does',
  })
  @IsOptional()
  @IsIn(['rollback', 'pause'])
  onFailure?: string;

  @ApiPropertyOptional({
    description:
      "Roll out this existing gray branch's items; absent: the namespace's unreleased changes move into a new branch",
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  branchName?: string;

  @ApiPropertyOptional({ maxLength: 64, description: 'Title of the gray release and of the merge at 100 %' })
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

export class RolloutActionDto {
  @ApiPropertyOptional({ maxLength: 256, description: 'Why; kept in the rollout events and the audit row' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  reason?: string;

  @ApiPropertyOptional({ description: 'Operator (or the X-Operator header)' })
  @IsOptional()
  @IsString()
  operator?: string;

  // A bodiless POST is read as an empty object.
  @Allow()
  @ApiPropertyOptional({ description: 'Ignored' })
  dataChangeLastModifiedBy?: unknown;
}

export class RolloutStepDto {
  @ApiProperty() percentage!: number;
  @ApiProperty() bakeTimeMs!: number;
}

export class RolloutGatesDto {
  @ApiProperty() maxRejectedInstances!: number;
  @ApiPropertyOptional() maxSilentInstances?: number;
  @ApiProperty() silentAfterMs!: number;
  @ApiPropertyOptional() checkUrl?: string;
  @ApiProperty() checkTimeoutMs!: number;
}

export class RolloutEventDto {
  @ApiProperty({
    example: 'advanced',
    description: 'started, advanced, paused, resumed, gate_failed, rolled_back, aborted, completed',
  })
  kind!: string;
  @ApiProperty() stepIndex!: number;
  @ApiProperty({ description: 'Who: an operator, or `rollout-ticker` for the automatic steps' })
  operator!: string;
  @ApiProperty() detail!: string;
  @ApiProperty() at!: string;
}

export class RolloutRejectionDto {
  @ApiProperty() appId!: string;
  @ApiProperty() ip!: string;
  @ApiProperty({ enum: ['rejected', 'check_failed'] }) status!: string;
  @ApiProperty() message!: string;
  @ApiProperty() releaseKey!: string;
  @ApiProperty() reportedAt!: string;
}

export class RolloutCheckDto {
  @ApiProperty() healthy!: boolean;
  @ApiProperty({ example: 'verdict pass' }) reason!: string;
  @ApiProperty({ description: 'When an admin-service last asked it (one per tick for all of them)' })
  checkedAt!: string;
}

export class RolloutHealthDto {
  @ApiProperty({ description: 'Instances seen holding one of the rollout’s gray releases' })
  instancesOnRelease!: number;
  @ApiProperty() rejectedInstances!: number;
  @ApiProperty() silentInstances!: number;
  @ApiProperty({ type: RolloutRejectionDto, isArray: true, description: 'The newest 20' })
  rejections!: RolloutRejectionDto[];
  @ApiPropertyOptional({ type: RolloutCheckDto, description: 'The HTTP check’s last verdict' })
  check?: RolloutCheckDto;
}

export class RolloutDto {
  @ApiProperty() id!: number;
  @ApiProperty() appId!: string;
  @ApiProperty() clusterName!: string;
  @ApiProperty() namespaceName!: string;
  @ApiProperty({ description: 'The gray branch the rollout widens' }) branchName!: string;
  @ApiProperty({ enum: ['running', 'paused', 'completed', 'rolled_back', 'aborted'] }) status!: string;
  @ApiProperty({ description: 'Index of the current step' }) stepIndex!: number;
  @ApiProperty({ description: 'Share of instances on the new release now' }) percentage!: number;
  @ApiProperty({ type: RolloutStepDto, isArray: true }) steps!: RolloutStepDto[];
  @ApiProperty({ type: RolloutGatesDto }) gates!: RolloutGatesDto;
  @ApiProperty({ enum: ['rollback', 'pause'] }) onFailure!: string;
  @ApiProperty() stepStartedAt!: string;
  @ApiPropertyOptional({ description: 'When a healthy running step moves on' }) nextStepAt?: string;
  @ApiProperty() releaseTitle!: string;
  @ApiProperty() grayReleaseId!: number;
  @ApiProperty({ description: 'The main release of the merge at 100 % (0 until then)' })
  mergedReleaseId!: number;
  @ApiProperty({ description: 'Why it paused or stopped' }) reason!: string;
  @ApiProperty({ description: 'Raised by every transition' }) version!: number;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ type: RolloutEventDto, isArray: true }) events?: RolloutEventDto[];
  @ApiPropertyOptional({ type: RolloutHealthDto }) health?: RolloutHealthDto;
}
