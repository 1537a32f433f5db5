import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseBoolPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { OPERATOR_HEADER, requireOperator } from '../common/operator';
import { PageQueryDto } from '../common/page-query.dto';
import {
  CreateItemDto,
  ItemChangeSummaryDto,
  ItemDto,
  ModifyItemsByTextDto,
  UpdateItemDto,
} from './item.dto';
import { ItemService } from './item.service';
import { DomainError } from '@houston/domain';

function optionalVersion(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const version = Number(raw);
  if (!Number.isInteger(version) || version < 0) {
    throw new DomainError('VALIDATION_FAILED', 'version must be a non-negative integer', {
      field: 'version',
    });
  }
  return version;
}

@ApiTags('items')
@Controller('apps/:appId/clusters/:cluster/namespaces/:namespace/items')
export class ItemsController {
  constructor(private readonly items: ItemService) {}

  @Get()
  @ApiOperation({ operationId: 'listItems', summary: 'Keyed items in line order, paged' })
  @ApiOkResponse({ type: ItemDto, isArray: true })
  list(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Query() { page, size }: PageQueryDto,
  ): Promise<ItemDto[]> {
    return this.items.list({ appId, cluster, namespace }, page, size);
  }

  @Post()
  @ApiOperation({ operationId: 'createItem' })
  @ApiCreatedResponse({ type: ItemDto })
  create(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Body() body: CreateItemDto,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<ItemDto> {
    return this.items.create(
      { appId, cluster, namespace },
      body,
      requireOperator(body.dataChangeCreatedBy, operatorHeader),
    );
  }

  @Put()
  @ApiOperation({
    operationId: 'modifyItemsByText',
    summary: 'Replace all items with the text of the namespace, in one change',
  })
  @ApiOkResponse({ type: ItemChangeSummaryDto })
  replaceWithText(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Body() body: ModifyItemsByTextDto,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<ItemChangeSummaryDto> {
    const operator = requireOperator(body.dataChangeLastModifiedBy, operatorHeader);
    return this.items.replaceWithText(
      { appId, cluster, namespace },
      body.configText,
      operator,
      body.revision,
      body.comments,
    );
  }

  @Get(':key')
  @ApiOperation({ operationId: 'getItem' })
  @ApiOkResponse({ type: ItemDto })
  @ApiQuery({
    name: 'reveal',
    required: false,
    type: Boolean,
    description: 'The clear value of a secret item (audited; needs X-Operator)',
  })
  get(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Param('key') key: string,
    @Query('reveal', new ParseBoolPipe({ optional: true })) reveal?: boolean,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<ItemDto> {
    if (!reveal) return this.items.get({ appId, cluster, namespace }, key);
    return this.items.reveal({ appId, cluster, namespace }, key, requireOperator(operatorHeader));
  }

  @Put(':key')
  @ApiOperation({ operationId: 'updateItem', summary: 'Update an item; 409 if it changed since `version`' })
  @ApiQuery({ name: 'createIfNotExists', required: false, type: Boolean })
  @ApiOkResponse({ type: ItemDto })
  update(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Param('key') key: string,
    @Body() body: UpdateItemDto,
    @Query('createIfNotExists', new ParseBoolPipe({ optional: true })) createIfNotExists?: boolean,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<ItemDto> {
    if (body.key !== undefined && body.key !== key) {
      throw new DomainError('VALIDATION_FAILED', 'key in the body must match the path', { field: 'key' });
    }
    const operator = requireOperator(body.dataChangeLastModifiedBy, body.dataChangeCreatedBy, operatorHeader);
    return this.items.update({ appId, cluster, namespace }, key, body, operator, createIfNotExists ?? false);
  }

  @Delete(':key')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteItem' })
  @ApiQuery({ name: 'operator', required: false })
  @ApiQuery({ name: 'version', required: false, type: Number })
  delete(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Param('key') key: string,
    @Query('operator') operator?: string,
    @Query('version') version?: string,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<void> {
    return this.items.delete(
      { appId, cluster, namespace },
      key,
      requireOperator(operator, operatorHeader),
      optionalVersion(version),
    );
  }
}
