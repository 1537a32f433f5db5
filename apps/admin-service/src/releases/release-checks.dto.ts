import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SchemaViolationDto } from '../schemas/namespace-schema.dto';
import { UnreleasedChangesDto } from './release.dto';

export class ReleaseCheckDto {
  @ApiProperty({ enum: ['syntax', 'schema', 'webhook'], description: 'Which check' })
  name!: 'syntax' | 'schema' | 'webhook';
  @ApiProperty() passed!: boolean;
  @ApiProperty({
    type: SchemaViolationDto,
    isArray: true,
    description: 'What failed: JSONPaths for the schema, `$` and the line and column for syntax',
  })
  problems!: SchemaViolationDto[];
  @ApiPropertyOptional({ description: 'The schema version applied (schema check only)' })
  schemaVersion?: number;
}

export class ReleaseDryRunDto extends UnreleasedChangesDto {
  @ApiProperty({ description: 'Every check passed: publishing now would not be refused by them' })
  wouldPublish!: boolean;
  @ApiProperty({
    type: ReleaseCheckDto,
    isArray: true,
    description: 'Only the checks that apply to the namespace',
  })
  checks!: ReleaseCheckDto[];
}
