import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { OPERATOR_HEADER, requireOperator } from '../common/operator';
import { AppDto, CreateAppDto, UpdateAppDto } from './app.dto';
import { AppService } from './app.service';

@ApiTags('apps')
@Controller('apps')
export class AppsController {
  constructor(private readonly apps: AppService) {}

  @Get()
  @ApiOperation({
    operationId: 'listApps',
    summary: 'Apps, optionally only those named in appIds (comma separated)',
  })
  @ApiQuery({ name: 'appIds', required: false, description: 'Only these apps, comma separated' })
  @ApiOkResponse({ type: AppDto, isArray: true })
  list(@Query('appIds') appIds?: string): Promise<AppDto[]> {
    return this.apps.list(
      appIds
        ? appIds
            .split(',')
            .map((id) => id.trim())
            .filter(Boolean)
        : undefined,
    );
  }

  @Post()
  @ApiOperation({
    operationId: 'createApp',
    summary: 'Create an app with cluster default and namespace application',
  })
  @ApiCreatedResponse({ type: AppDto })
  create(@Body() body: CreateAppDto, @Headers(OPERATOR_HEADER) operatorHeader?: string): Promise<AppDto> {
    const fields = body.app ? { ...body.app } : body;
    const operator = requireOperator(fields.dataChangeCreatedBy, body.dataChangeCreatedBy, operatorHeader);
    return this.apps.create(fields, operator);
  }

  @Get(':appId')
  @ApiOperation({ operationId: 'getApp' })
  @ApiOkResponse({ type: AppDto })
  get(@Param('appId') appId: string): Promise<AppDto> {
    return this.apps.get(appId);
  }

  @Put(':appId')
  @ApiOperation({ operationId: 'updateApp' })
  @ApiOkResponse({ type: AppDto })
  update(
    @Param('appId') appId: string,
    @Body() body: UpdateAppDto,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<AppDto> {
    return this.apps.update(appId, body, requireOperator(body.dataChangeLastModifiedBy, operatorHeader));
  }

  @Delete(':appId')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteApp',
    summary: 'Soft-delete an app with its clusters, namespaces and items',
  })
  delete(
    @Param('appId') appId: string,
    @Query('operator') operator?: string,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<void> {
    return this.apps.delete(appId, requireOperator(operator, operatorHeader));
  }
}
