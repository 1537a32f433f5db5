import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export const MAX_SEARCH_LIMIT = 500;

export class ItemSearchQueryDto {
  @ApiPropertyOptional({ description: 'Keys that start with this (exact case)', maxLength: 128 })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  key?: string;

  @ApiPropertyOptional({
    description: 'Values that contain this (exact case); secret values never match',
    maxLength: 256,
  })
  @IsOptional()
  @IsString()
  @Length(1, 256)
  value?: string;

  @ApiPropertyOptional({ type: 'integer', default: 100, minimum: 1, maximum: MAX_SEARCH_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SEARCH_LIMIT)
  limit = 100;
}

export class ItemSearchHitDto {
  @ApiProperty() appId!: string;
  @ApiProperty() clusterName!: string;
  @ApiProperty() namespaceName!: string;
  @ApiProperty() key!: string;
  @ApiProperty({ description: "The value; a secret's is masked" }) value!: string;
  @ApiProperty() secret!: boolean;
}

export class ItemSearchResultDto {
  @ApiProperty({ type: ItemSearchHitDto, isArray: true }) items!: ItemSearchHitDto[];
  @ApiProperty({ description: 'More keys match than `limit`: narrow the search' }) truncated!: boolean;
}
