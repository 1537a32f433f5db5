import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQueryDto } from '../common/page-query.dto';
import { InstancePageDto } from './instance.dto';
import { InstanceQueryService } from './instance-query.service';

@ApiTags('instances')
@Controller()
export class InstancesController {
  constructor(private readonly instances: InstanceQueryService) {}

  @Get('apps/:appId/clusters/:cluster/namespaces/:namespace/instances')
  @ApiOperation({
    operationId: 'listInstancesByNamespace',
    summary: 'Client instances reading the namespace, newest sighting first',
  })
  @ApiOkResponse({ type: InstancePageDto })
  byNamespace(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Query() { page, size }: PageQueryDto,
  ): Promise<InstancePageDto> {
    return this.instances.byNamespace({ appId, cluster, namespace }, page, size);
  }

  @Get('apps/:appId/clusters/:cluster/namespaces/:namespace/instances/not-on-latest-release')
  @ApiOperation({
    operationId: 'listInstancesNotOnLatestRelease',
    summary: 'Client instances still holding an older release',
  })
  @ApiOkResponse({ type: InstancePageDto })
  notOnLatest(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Query() { page, size }: PageQueryDto,
  ): Promise<InstancePageDto> {
    return this.instances.notOnLatestRelease({ appId, cluster, namespace }, page, size);
  }

  @Get('releases/:releaseId/instances')
  @ApiOperation({ operationId: 'listInstancesByRelease', summary: 'Client instances holding this release' })
  @ApiOkResponse({ type: InstancePageDto })
  byRelease(
    @Param('releaseId', ParseIntPipe) releaseId: number,
    @Query() { page, size }: PageQueryDto,
  ): Promise<InstancePageDto> {
    return this.instances.byRelease(releaseId, page, size);
  }
}
