import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ItemSearchQueryDto, ItemSearchResultDto } from './item-search.dto';
import { SearchItems } from './search-items.usecase';

@ApiTags('items')
@Controller('search')
export class SearchController {
  constructor(@Inject(SearchItems) private readonly searchItems: SearchItems) {}

  @Get('items')
  @ApiOperation({
    operationId: 'searchItems',
    summary:
      'Live keys of every app (real clusters, not gray branches) by key prefix and/or value substring, in key order, at most `limit`',
  })
  @ApiOkResponse({ type: ItemSearchResultDto })
  items(@Query() query: ItemSearchQueryDto): Promise<ItemSearchResultDto> {
    return this.searchItems.execute(query);
  }
}
