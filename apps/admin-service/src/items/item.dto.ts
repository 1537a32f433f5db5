import { AuditFieldsDto } from '../common/audit-fields';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsObject, IsOptional, IsString, Min } from 'class-validator';

// Lengths are checked by the domain rules (with the configured limits) so the error names the
// key and the limit; the DTOs only check types.

export class CreateItemDto {
  @ApiProperty({ example: 'timeout' })
  @IsString()
  key!: string;

  @ApiProperty({ example: '100' })
  @IsString()
  value!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  comment?: string;

  @ApiPropertyOptional({
    description: 'Store the value encrypted (needs HOUSTON_SECRET_KEYS); answers show it masked',
  })
  @IsOptional()
  @IsBoolean()
  secret?: boolean;

  @ApiPropertyOptional({ description: 'Operator (or the X-Operator header)' })
  @IsOptional()
  @IsString()
  dataChangeCreatedBy?: string;
}

export class UpdateItemDto {
  @ApiPropertyOptional({ description: 'Must match the path when given' })
  @IsOptional()
  @IsString()
  key?: string;

  @ApiProperty()
  @IsString()
  value!: string;

  @ApiPropertyOptional({ description: 'Kept when absent' })
  @IsOptional()
  @IsString()
  comment?: string;

  @ApiPropertyOptional({
    description: 'Store the value encrypted; absent: the item stays as secret as it was',
  })
  @IsOptional()
  @IsBoolean()
  secret?: boolean;

  @ApiPropertyOptional({
    description:
      'The version this edit is based on; a newer version on the server answers 409 instead of overwriting it',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  version?: number;

  @ApiPropertyOptional({ description: 'Operator (or the X-Operator header)' })
  @IsOptional()
  @IsString()
  dataChangeLastModifiedBy?: string;

  @ApiPropertyOptional({ description: 'Accepted as operator when creating through createIfNotExists' })
  @IsOptional()
  @IsString()
  dataChangeCreatedBy?: string;
}

export class ModifyItemsByTextDto {
  @ApiProperty({ description: 'The whole namespace: properties text, or the yaml/json/xml/txt document' })
  @IsString()
  configText!: string;

  @ApiPropertyOptional({
    description: "The namespace revision the text was based on (GET namespace's `revision`); 409 if it moved",
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  revision?: number;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description:
      "Comments to give keys of the text (a sync copies the source's); a key not named keeps its comment",
  })
  @IsOptional()
  @IsObject()
  comments?: Record<string, string>;

  @ApiPropertyOptional({ description: 'Operator (or the X-Operator header)' })
  @IsOptional()
  @IsString()
  dataChangeLastModifiedBy?: string;
}

export class ItemDto extends AuditFieldsDto {
  @ApiProperty() key!: string;
  @ApiProperty({ description: 'Masked (`******`) when the item is secret, unless revealed' }) value!: string;
  @ApiProperty({ description: 'Stored encrypted; clients still receive the clear value' }) secret!: boolean;
  @ApiProperty() comment!: string;
  @ApiProperty() lineNum!: number;
  @ApiProperty({ description: 'Bumped by every change; send it back to guard against concurrent edits' })
  version!: number;
}

export class ItemChangeSummaryDto {
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() deleted!: number;
  @ApiProperty({ description: 'The namespace revision after the change' }) revision!: number;
}
