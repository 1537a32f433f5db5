import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQueryDto } from '../common/page-query.dto';
import { PublicNamespaceInstanceDto } from './namespace.dto';
import { PublicNamespaceUsageService } from './public-namespace-usage.service';

/** A public namespace across apps (Apollo's `/appnamespaces/{publicNamespaceName}/…` admin API). */
@ApiTags('namespaces')
@Controller('appnamespaces/:namespace')
export class PublicNamespacesController {
  constructor(private readonly usage: PublicNamespaceUsageService) {}

  @Get('namespaces')
  @ApiOperation({
    operationId: 'listPublicNamespaceInstances',
    summary: "The public namespace in every real cluster: its owner's and those of apps associating it",
  })
  @ApiOkResponse({ type: PublicNamespaceInstanceDto, isArray: true })
  instances(
    @Param('namespace') namespace: string,
    @Query() query: PageQueryDto,
  ): Promise<PublicNamespaceInstanceDto[]> {
    return this.usage.instances(namespace, query.page, query.size);
  }

  @Get('associated-namespaces/count')
  @ApiOperation({
    operationId: 'countPublicNamespaceAssociations',
    summary: 'How many namespaces of other apps associate it (one per cluster)',
  })
  @ApiOkResponse({ type: Number })
  count(@Param('namespace') namespace: string): Promise<number> {
    return this.usage.associationCount(namespace);
  }
}
