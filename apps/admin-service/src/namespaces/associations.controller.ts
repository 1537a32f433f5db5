import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OPERATOR_HEADER, requireOperator } from '../common/operator';
import { AssociationService } from './association.service';
import { AssociatedNamespaceDto, AssociateNamespaceDto } from './namespace.dto';

@ApiTags('namespaces')
@Controller('apps/:appId/associated-namespaces')
export class AssociationsController {
  constructor(private readonly associations: AssociationService) {}

  @Get()
  @ApiOperation({
    operationId: 'listAssociatedNamespaces',
    summary: "Other apps' public namespaces this app associates",
  })
  @ApiOkResponse({ type: AssociatedNamespaceDto, isArray: true })
  list(@Param('appId') appId: string): Promise<AssociatedNamespaceDto[]> {
    return this.associations.list(appId);
  }

  @Post()
  @ApiOperation({
    operationId: 'associateNamespace',
    summary: "Associate another app's public namespace in every cluster, to override its keys",
  })
  @ApiCreatedResponse({ type: AssociatedNamespaceDto })
  associate(
    @Param('appId') appId: string,
    @Body() body: AssociateNamespaceDto,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<AssociatedNamespaceDto> {
    return this.associations.associate(
      appId,
      body.namespaceName,
      requireOperator(body.dataChangeCreatedBy, operatorHeader),
    );
  }

  @Delete(':namespace')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'dissociateNamespace',
    summary: 'Drop the association and its overrides in every cluster',
  })
  dissociate(
    @Param('appId') appId: string,
    @Param('namespace') namespace: string,
    @Query('operator') operator?: string,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<void> {
    return this.associations.dissociate(appId, namespace, requireOperator(operator, operatorHeader));
  }
}
