import { AuditFieldsDto } from '../common/audit-fields';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class CreateClusterDto {
  @ApiProperty({ example: 'shanghai', maxLength: 32 })
  @IsString()
  name!: string;

  @ApiPropertyOptional({ maxLength: 256 })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  comment?: string;

  @ApiPropertyOptional({ description: 'Operator (or the X-Operator header)' })
  @IsOptional()
  @IsString()
  dataChangeCreatedBy?: string;
}

export class ClusterDto extends AuditFieldsDto {
  @ApiProperty() id!: number;
  @ApiProperty() name!: string;
  @ApiProperty() appId!: string;
  @ApiProperty() comment!: string;
  @ApiProperty({ description: "The main cluster's id when this cluster is a gray branch, else 0" })
  parentClusterId!: number;
}
