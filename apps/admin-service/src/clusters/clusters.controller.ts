import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OPERATOR_HEADER, requireOperator } from '../common/operator';
import { ClusterDto, CreateClusterDto } from './cluster.dto';
import { ClusterService } from './cluster.service';

@ApiTags('clusters')
@Controller('apps/:appId/clusters')
export class ClustersController {
  constructor(private readonly clusters: ClusterService) {}

  @Get()
  @ApiOperation({ operationId: 'listClusters' })
  @ApiOkResponse({ type: ClusterDto, isArray: true })
  list(@Param('appId') appId: string): Promise<ClusterDto[]> {
    return this.clusters.list(appId);
  }

  @Post()
  @ApiOperation({
    operationId: 'createCluster',
    summary: 'Create a cluster; every namespace of the app appears in it',
  })
  @ApiCreatedResponse({ type: ClusterDto })
  create(
    @Param('appId') appId: string,
    @Body() body: CreateClusterDto,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<ClusterDto> {
    return this.clusters.create(
      appId,
      body.name,
      body.comment ?? '',
      requireOperator(body.dataChangeCreatedBy, operatorHeader),
    );
  }

  @Get(':cluster')
  @ApiOperation({ operationId: 'getCluster' })
  @ApiOkResponse({ type: ClusterDto })
  get(@Param('appId') appId: string, @Param('cluster') cluster: string): Promise<ClusterDto> {
    return this.clusters.get(appId, cluster);
  }

  @Delete(':cluster')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteCluster',
    summary: 'Soft-delete a cluster (not default) with its namespaces and items',
  })
  delete(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Query('operator') operator?: string,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<void> {
    return this.clusters.delete(appId, cluster, requireOperator(operator, operatorHeader));
  }
}
