import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OPERATOR_HEADER, requireOperator } from '../common/operator';
import { CreateNamespaceInClusterDto, NamespaceDto } from './namespace.dto';
import { NamespaceInClusterService } from './namespace-in-cluster.service';
import { NamespaceService } from './namespace.service';

@ApiTags('namespaces')
@Controller('apps/:appId/clusters/:cluster/namespaces')
export class NamespacesController {
  constructor(
    private readonly namespaces: NamespaceService,
    private readonly inCluster: NamespaceInClusterService,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'listNamespaces', summary: 'Namespaces of a cluster with their items' })
  @ApiOkResponse({ type: NamespaceDto, isArray: true })
  list(@Param('appId') appId: string, @Param('cluster') cluster: string): Promise<NamespaceDto[]> {
    return this.namespaces.listInCluster(appId, cluster);
  }

  @Post()
  @ApiOperation({
    operationId: 'createNamespaceInCluster',
    summary:
      "Make one of the app's namespaces (or associate a public one) in this cluster only; 409 if it is there",
  })
  @ApiCreatedResponse({ type: NamespaceDto })
  create(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Body() body: CreateNamespaceInClusterDto,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<NamespaceDto> {
    return this.inCluster.create(
      appId,
      cluster,
      body.namespaceName,
      requireOperator(body.dataChangeCreatedBy, operatorHeader),
    );
  }

  @Get(':namespace')
  @ApiOperation({
    operationId: 'getNamespace',
    summary: 'A namespace with its items, its text and its revision',
  })
  @ApiOkResponse({ type: NamespaceDto })
  get(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
  ): Promise<NamespaceDto> {
    return this.namespaces.get({ appId, cluster, namespace });
  }

  @Delete(':namespace')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteNamespaceInCluster',
    summary:
      'Delete the namespace from this cluster only: items, commits, releases, history, its gray branch, instance rows; 409 with `details.reason` APPLICATION_NAMESPACE, GRAY_BRANCH, ROLLOUT_ACTIVE or PUBLIC_NAMESPACE_ASSOCIATED',
  })
  delete(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Query('operator') operator?: string,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<void> {
    return this.inCluster.delete({ appId, cluster, namespace }, requireOperator(operator, operatorHeader));
  }
}
