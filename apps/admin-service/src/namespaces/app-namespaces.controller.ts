import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OPERATOR_HEADER, requireOperator } from '../common/operator';
import { AppNamespaceDto, CreateAppNamespaceDto, SetNamespaceSecretDto } from './namespace.dto';
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

  @Put(':namespace/secret')
  @ApiOperation({
    operationId: 'setAppNamespaceSecret',
    summary: 'Make every item of the namespace secret (encrypted now and on every write), or stop',
  })
  @ApiOkResponse({ type: AppNamespaceDto })
  setSecret(
    @Param('appId') appId: string,
    @Param('namespace') namespace: string,
    @Body() body: SetNamespaceSecretDto,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<AppNamespaceDto> {
    return this.namespaces.setSecret(
      appId,
      namespace,
      body.secret,
      requireOperator(body.dataChangeLastModifiedBy, operatorHeader),
    );
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
