import { Controller, Get, Headers, Inject, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import { OPERATOR_HEADER, requireOperator } from '../common/operator';
import { ItemChangeSummaryDto } from '../items/item.dto';
import { ItemService } from '../items/item.service';
import { locateNamespace } from './namespace-locator';

export class NamespaceLockDto {
  @ApiProperty() namespaceName!: string;
  @ApiProperty() isLocked!: boolean;
  @ApiProperty({ nullable: true, type: String }) lockedBy!: string | null;
  @ApiProperty({ description: 'Whether the namespace lock switch is on in this environment' })
  lockEnabled!: boolean;
}

@ApiTags('namespaces')
@Controller('apps/:appId/clusters/:cluster/namespaces/:namespace')
export class NamespaceLockController {
  constructor(
    @Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions,
    private readonly items: ItemService,
  ) {}

  @Get('lock')
  @ApiOperation({ operationId: 'getNamespaceLock', summary: 'Who holds the namespace lock, if anyone' })
  @ApiOkResponse({ type: NamespaceLockDto })
  async lock(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
  ): Promise<NamespaceLockDto> {
    const repos = this.options.database.repos;
    const located = await locateNamespace(repos, { appId, cluster, namespace });
    const lock = await repos.namespaceLocks.find(located.namespace.id);
    return {
      namespaceName: located.namespace.namespaceName,
      isLocked: lock !== null,
      lockedBy: lock?.holder ?? null,
      lockEnabled: this.options.governance.namespaceLock,
    };
  }

  @Put('revoke-items')
  @ApiOperation({
    operationId: 'revokeUnreleasedItems',
    summary: 'Throw away unreleased edits (items go back to the active release) and free the namespace lock',
  })
  @ApiOkResponse({ type: ItemChangeSummaryDto })
  revoke(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Query('operator') operator?: string,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<ItemChangeSummaryDto> {
    return this.items.revokeUnreleased(
      { appId, cluster, namespace },
      requireOperator(operator, operatorHeader),
    );
  }
}
