import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NamespaceDto } from './namespace.dto';
import { NamespaceService } from './namespace.service';

@ApiTags('namespaces')
@Controller('apps/:appId/clusters/:cluster/namespaces')
export class NamespacesController {
  constructor(private readonly namespaces: NamespaceService) {}

  @Get()
  @ApiOperation({ operationId: 'listNamespaces', summary: 'Namespaces of a cluster with their items' })
  @ApiOkResponse({ type: NamespaceDto, isArray: true })
  list(@Param('appId') appId: string, @Param('cluster') cluster: string): Promise<NamespaceDto[]> {
    return this.namespaces.listInCluster(appId, cluster);
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
}
