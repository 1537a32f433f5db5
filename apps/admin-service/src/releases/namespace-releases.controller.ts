import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OPERATOR_HEADER, requireOperator } from '../common/operator';
import { PageQueryDto } from '../common/page-query.dto';
import { IDEMPOTENCY_KEY_HEADER, parseIdempotencyKey } from '../idempotency/idempotency-key';
import { IdempotentRequests } from '../idempotency/idempotent-requests';
import { PublishReleaseDto, ReleaseDto, ReleaseHistoryPageDto, UnreleasedChangesDto } from './release.dto';
import { ReleaseDryRunDto } from './release-checks.dto';
import { ReleaseDryRun } from './release-dry-run';
import { ReleasePublisher } from './release-publisher';
import { ReleaseQueryService } from './release-query.service';

@ApiTags('releases')
@Controller('apps/:appId/clusters/:cluster/namespaces/:namespace')
export class NamespaceReleasesController {
  constructor(
    private readonly publisher: ReleasePublisher,
    private readonly queries: ReleaseQueryService,
    private readonly idempotency: IdempotentRequests,
    private readonly dryRuns: ReleaseDryRun,
  ) {}

  @Post('releases')
  @ApiOperation({
    operationId: 'publishRelease',
    summary: "Publish the namespace's items; clients see it within about a second",
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key and request gets the first answer instead of a second release',
  })
  @ApiCreatedResponse({ type: ReleaseDto })
  publish(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Body() body: PublishReleaseDto,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey?: string,
  ): Promise<ReleaseDto> {
    const operator = requireOperator(body.releasedBy, operatorHeader);
    const address = { appId, cluster, namespace };
    const request = {
      title: body.releaseTitle,
      comment: body.releaseComment,
      isEmergencyPublish: body.isEmergencyPublish,
      allowSecretsWithoutAccessKey: body.allowSecretsWithoutAccessKey,
      expectedBaseReleaseId: body.expectedBaseReleaseId,
      expectedFingerprint: body.expectedFingerprint,
    };
    return this.idempotency.run(
      parseIdempotencyKey(idempotencyKey),
      { operation: 'publish', inputs: [address, request, operator] },
      (record) => this.publisher.publish(address, request, operator, record),
    );
  }

  @Post('releases/dry-run')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'dryRunRelease',
    summary:
      'What publishing now would release (the diff against the active release) and the checks it must pass (syntax, schema, validation webhooks), without publishing',
  })
  @ApiOkResponse({ type: ReleaseDryRunDto })
  dryRun(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Query('operator') operator?: string,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<ReleaseDryRunDto> {
    return this.dryRuns.run({ appId, cluster, namespace }, requireOperator(operator, operatorHeader));
  }

  @Get('releases/latest')
  @ApiOperation({ operationId: 'getLatestRelease', summary: 'The active release (404 before the first one)' })
  @ApiOkResponse({ type: ReleaseDto })
  latest(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
  ): Promise<ReleaseDto> {
    return this.queries.latest({ appId, cluster, namespace });
  }

  @Get('releases/histories')
  @ApiOperation({ operationId: 'listReleaseHistories', summary: 'Releases and rollbacks, newest first' })
  @ApiOkResponse({ type: ReleaseHistoryPageDto })
  histories(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Query() { page, size }: PageQueryDto,
  ): Promise<ReleaseHistoryPageDto> {
    return this.queries.histories({ appId, cluster, namespace }, page, size);
  }

  @Get('releases')
  @ApiOperation({
    operationId: 'listReleases',
    summary: 'Every release, abandoned ones flagged, newest first',
  })
  @ApiOkResponse({ type: ReleaseDto, isArray: true })
  list(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Query() { page, size }: PageQueryDto,
  ): Promise<ReleaseDto[]> {
    return this.queries.list({ appId, cluster, namespace }, page, size);
  }

  @Get('unreleased-changes')
  @ApiOperation({ operationId: 'getUnreleasedChanges', summary: 'What publishing now would change' })
  @ApiOkResponse({ type: UnreleasedChangesDto })
  unreleased(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
  ): Promise<UnreleasedChangesDto> {
    return this.queries.unreleased({ appId, cluster, namespace });
  }
}
