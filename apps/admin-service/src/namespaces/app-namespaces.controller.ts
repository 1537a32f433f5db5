import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OPERATOR_HEADER, requireOperator } from '../common/operator';
import { AppNamespaceDto, CreateAppNamespaceDto } from './namespace.dto';
import { NamespaceService } from './namespace.service';

/** Namespace definitions of an app (Apollo's AppNamespace), independent of clusters. */
@ApiTags('namespaces')
@Controller('apps/:appId/appnamespaces')
export class AppNamespacesController {
  constructor(private readonly namespaces: NamespaceService) {}

  @Get()
  @ApiOperation({ operationId: 'listAppNamespaces' })
  @ApiOkResponse({ type: AppNamespaceDto, isArray: true })
  list(@Param('appId') appId: string): Promise<AppNamespaceDto[]> {
    return this.namespaces.listDefinitions(appId);
  }

  @Post()
  @ApiOperation({
    operationId: 'createAppNamespace',
    summary: 'Define a private or public namespace of any format',
  })
  @ApiCreatedResponse({ type: AppNamespaceDto })
  create(
    @Param('appId') appId: string,
    @Body() body: CreateAppNamespaceDto,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<AppNamespaceDto> {
    return this.namespaces.createDefinition(
      appId,
      body,
      requireOperator(body.dataChangeCreatedBy, operatorHeader),
    );
  }

  @Get(':namespace')
  @ApiOperation({ operationId: 'getAppNamespace' })
  @ApiOkResponse({ type: AppNamespaceDto })
  get(@Param('appId') appId: string, @Param('namespace') namespace: string): Promise<AppNamespaceDto> {
    return this.namespaces.getDefinition(appId, namespace);
  }

  @Delete(':namespace')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteAppNamespace',
    summary: 'Delete a namespace from every cluster of the app',
  })
  delete(
    @Param('appId') appId: string,
    @Param('namespace') namespace: string,
    @Query('operator') operator?: string,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<void> {
    return this.namespaces.deleteDefinition(appId, namespace, requireOperator(operator, operatorHeader));
  }
}
