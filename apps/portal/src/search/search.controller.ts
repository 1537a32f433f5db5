import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@houston/domain';
import { IsOptional, IsString, Length } from 'class-validator';
import { SignedIn } from '../sessions/access';
import { CurrentUser } from '../sessions/current-user';
import type { SignedInUser } from '../sessions/session.service';
import { SearchItems, type SearchAnswer } from './search-items.usecase';

export class SearchItemsQueryDto {
  @ApiPropertyOptional({ description: 'Keys that start with this (exact case)', maxLength: 128 })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  key?: string;

  @ApiPropertyOptional({ description: 'Values that contain this (exact case)', maxLength: 256 })
  @IsOptional()
  @IsString()
  @Length(1, 256)
  value?: string;
}

@ApiTags('search')
@Controller('api/search')
export class SearchController {
  constructor(@Inject(SearchItems) private readonly searchItems: SearchItems) {}

  @Get('items')
  @SignedIn()
  @ApiOperation({
    summary:
      'Keys (by prefix) and values (by substring) across every app and environment, at most 100 per environment; values you may not see are never returned',
  })
  items(@CurrentUser() signedIn: SignedInUser, @Query() query: SearchItemsQueryDto): Promise<SearchAnswer> {
    const key = query.key?.trim() ? query.key : undefined;
    const value = query.value?.trim() ? query.value : undefined;
    if (!key && !value) {
      throw new DomainError('VALIDATION_FAILED', 'give a key or a value to search for', { field: 'key' });
    }
    return this.searchItems.execute(signedIn, { key, value });
  }
}
