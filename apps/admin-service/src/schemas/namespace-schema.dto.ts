import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

export class SetNamespaceSchemaDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'A JSON Schema (draft-07, ajv strict mode, formats; at most 64 KiB; `$ref` only inside the schema). ' +
      'For a properties namespace it describes the key→value map, values coerced per type; for yaml/json the document.',
    example: {
      type: 'object',
      properties: { timeout: { type: 'integer', minimum: 1, maximum: 60000 } },
      patternProperties: { '^feature\\.': { type: 'boolean' } },
    },
  })
  @IsObject()
  schema!: Record<string, unknown>;

  @ApiPropertyOptional({ maxLength: 256 })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  comment?: string;
}

export class NamespaceSchemaDto {
  @ApiProperty() appId!: string;
  @ApiProperty() namespaceName!: string;
  @ApiProperty({ description: '1, 2, …; every change (a removal too) is a new version' })
  version!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'null when this version removed the schema',
  })
  schema!: Record<string, unknown> | null;
  @ApiProperty() comment!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: Date;
}

export class SchemaViolationDto {
  @ApiProperty({ example: '$.timeout' }) path!: string;
  @ApiProperty({ example: 'must be <= 60000' }) message!: string;
}
