import { Body, Controller, Get, Headers, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OPERATOR_HEADER, requireOperator } from '../common/operator';
import { MissingNamespacesService } from './missing-namespaces.service';

@ApiTags('namespaces')
@Controller('apps/:appId/clusters/:cluster/missing-namespaces')
export class MissingNamespacesController {
  constructor(private readonly missing: MissingNamespacesService) {}

  @Get()
  @ApiOperation({
    operationId: 'listMissingNamespaces',
    summary: "The app's private namespaces this cluster lacks (deleted from it alone), by name",
  })
  @ApiOkResponse({ type: String, isArray: true })
  list(@Param('appId') appId: string, @Param('cluster') cluster: string): Promise<string[]> {
    return this.missing.list(appId, cluster);
  }

  @Post()
  @ApiOperation({
    operationId: 'createMissingNamespaces',
    summary: 'Make every missing private namespace in this cluster, in one transaction; answers their names',
  })
  @ApiCreatedResponse({ type: String, isArray: true })
  create(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Body() body: { dataChangeCreatedBy?: string } | undefined,
    @Query('operator') operator?: string,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<string[]> {
    return this.missing.create(
      appId,
      cluster,
      requireOperator(operator, body?.dataChangeCreatedBy, operatorHeader),
    );
  }
}
