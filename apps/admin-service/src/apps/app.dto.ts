import { AuditFieldsDto } from '../common/audit-fields';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export class AppFieldsDto {
  @ApiPropertyOptional({ example: 'order-service', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  appId?: string;

  @ApiPropertyOptional({ example: 'Order service', maxLength: 128 })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  name?: string;

  @ApiPropertyOptional({ example: 'trading', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  orgId?: string;

  @ApiPropertyOptional({ example: 'Trading', maxLength: 128 })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  orgName?: string;

  @ApiPropertyOptional({ maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  ownerName?: string;

  @ApiPropertyOptional({ maxLength: 128 })
  @IsOptional()
  @IsEmail()
  @MaxLength(128)
  ownerEmail?: string;

  @ApiPropertyOptional({
    description:
      "Answer /configs with only the changes since the client's release (Apollo 2.5 IncrementalSync). Only apollo-java 2.4 and later understand it: enable it only when every client of the app does. Default false.",
  })
  @IsOptional()
  @IsBoolean()
  incrementalSync?: boolean;

  @ApiPropertyOptional({ description: 'Operator (or the X-Operator header)' })
  @IsOptional()
  @IsString()
  dataChangeCreatedBy?: string;

  @ApiPropertyOptional({ description: 'Operator of an update (or the X-Operator header)' })
  @IsOptional()
  @IsString()
  dataChangeLastModifiedBy?: string;
}

/**
 * The app's fields flat, or wrapped as Apollo's Open API sends them (`{ app: {...}, admins }`):
 * both shapes are accepted so existing scripts work.
 */
export class CreateAppDto extends AppFieldsDto {
  @ApiPropertyOptional({ type: AppFieldsDto, description: "Apollo Open API's wrapped form" })
  @IsOptional()
  @ValidateNested()
  @Type(() => AppFieldsDto)
  app?: AppFieldsDto;

  @ApiPropertyOptional({
    type: [String],
    description: 'Accepted for Apollo compatibility; roles arrive with the portal',
  })
  @IsOptional()
  @IsString({ each: true })
  admins?: string[];
}

export class UpdateAppDto extends AppFieldsDto {}

export class AppDto extends AuditFieldsDto {
  @ApiProperty() appId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() orgId!: string;
  @ApiProperty() orgName!: string;
  @ApiProperty() ownerName!: string;
  @ApiProperty() ownerEmail!: string;
  @ApiProperty({
    description: "/configs answers only the changes since the client's release (IncrementalSync)",
  })
  incrementalSync!: boolean;
}
