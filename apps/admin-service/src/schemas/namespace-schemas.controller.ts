import { Body, Controller, Delete, Get, Headers, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OPERATOR_HEADER, requireOperator } from '../common/operator';
import { NamespaceSchemaDto, SetNamespaceSchemaDto } from './namespace-schema.dto';
import { NamespaceSchemaService } from './namespace-schema.service';

/** A namespace definition's JSON Schema, enforced on every edit and release in every cluster. */
@ApiTags('namespaces')
@Controller('apps/:appId/appnamespaces/:namespace/schema')
export class NamespaceSchemasController {
  constructor(private readonly schemas: NamespaceSchemaService) {}

  @Get()
  @ApiOperation({ operationId: 'getNamespaceSchema', summary: 'The schema in force (404 when none)' })
  @ApiOkResponse({ type: NamespaceSchemaDto })
  get(@Param('appId') appId: string, @Param('namespace') namespace: string): Promise<NamespaceSchemaDto> {
    return this.schemas.current(appId, namespace);
  }

  @Get('versions')
  @ApiOperation({ operationId: 'listNamespaceSchemaVersions', summary: 'Every version, newest first' })
  @ApiOkResponse({ type: NamespaceSchemaDto, isArray: true })
  versions(
    @Param('appId') appId: string,
    @Param('namespace') namespace: string,
  ): Promise<NamespaceSchemaDto[]> {
    return this.schemas.history(appId, namespace);
  }

  @Put()
  @ApiOperation({
    operationId: 'setNamespaceSchema',
    summary: 'Set the schema (a new version); edits and releases that violate it are refused with 422',
  })
  @ApiOkResponse({ type: NamespaceSchemaDto })
  set(
    @Param('appId') appId: string,
    @Param('namespace') namespace: string,
    @Body() body: SetNamespaceSchemaDto,
    @Query('operator') operator?: string,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<NamespaceSchemaDto> {
    return this.schemas.set(
      appId,
      namespace,
      body.schema,
      body.comment ?? '',
      requireOperator(operator, operatorHeader),
    );
  }

  @Delete()
  @ApiOperation({
    operationId: 'removeNamespaceSchema',
    summary: 'Stop enforcing a schema (a new version without one)',
  })
  @ApiOkResponse({ type: NamespaceSchemaDto })
  remove(
    @Param('appId') appId: string,
    @Param('namespace') namespace: string,
    @Query('operator') operator?: string,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<NamespaceSchemaDto> {
    return this.schemas.remove(appId, namespace, requireOperator(operator, operatorHeader));
  }
}
