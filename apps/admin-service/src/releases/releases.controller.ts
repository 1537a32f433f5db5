import { Controller, Get, Headers, Param, ParseBoolPipe, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { OPERATOR_HEADER, requireOperator } from '../common/operator';
import { IDEMPOTENCY_KEY_HEADER, parseIdempotencyKey } from '../idempotency/idempotency-key';
import { IdempotentRequests } from '../idempotency/idempotent-requests';
import { ConfigurationDiffDto, ReleaseDto } from './release.dto';
import { ReleasePublisher } from './release-publisher';
import { ReleaseQueryService } from './release-query.service';

/** Releases addressed by id, as Apollo's `/envs/{env}/releases/...` paths without the env. */
@ApiTags('releases')
@Controller('releases')
export class ReleasesController {
  constructor(
    private readonly publisher: ReleasePublisher,
    private readonly queries: ReleaseQueryService,
    private readonly idempotency: IdempotentRequests,
  ) {}

  @Get('compare')
  @ApiOperation({
    operationId: 'compareReleases',
    summary: 'Keys added, modified and deleted between two releases',
  })
  @ApiQuery({ name: 'baseReleaseId', type: Number, description: '0 compares against nothing' })
  @ApiQuery({ name: 'toCompareReleaseId', type: Number })
  @ApiOkResponse({ type: ConfigurationDiffDto })
  compare(
    @Query('baseReleaseId', ParseIntPipe) baseReleaseId: number,
    @Query('toCompareReleaseId', ParseIntPipe) toCompareReleaseId: number,
  ): Promise<ConfigurationDiffDto> {
    return this.queries.compare(baseReleaseId, toCompareReleaseId);
  }

  @Get(':releaseId')
  @ApiOperation({ operationId: 'getRelease' })
  @ApiOkResponse({ type: ReleaseDto })
  get(@Param('releaseId', ParseIntPipe) releaseId: number): Promise<ReleaseDto> {
    return this.queries.get(releaseId);
  }

  @Put(':releaseId/rollback')
  @ApiOperation({
    operationId: 'rollbackRelease',
    summary: 'Abandon the active release (or all after toReleaseId); clients move to the earlier one',
  })
  @ApiQuery({ name: 'operator', required: false })
  @ApiQuery({ name: 'toReleaseId', required: false, type: Number })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key and request gets the first answer instead of a second rollback',
  })
  @ApiQuery({
    name: 'allowSecretsWithoutAccessKey',
    required: false,
    type: Boolean,
    description:
      'Roll back to a release holding secrets although the app has no enabled FILTER access key (recorded); without it that is refused with 409 ACCESS_KEY_REQUIRED',
  })
  @ApiOkResponse({ type: ReleaseDto, description: 'The release clients now get' })
  rollback(
    @Param('releaseId', ParseIntPipe) releaseId: number,
    @Query('operator') operator?: string,
    @Query('toReleaseId', new ParseIntPipe({ optional: true })) toReleaseId?: number,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey?: string,
    @Query('allowSecretsWithoutAccessKey', new ParseBoolPipe({ optional: true })) override?: boolean,
  ): Promise<ReleaseDto> {
    const by = requireOperator(operator, operatorHeader);
    const allow = override ?? false;
    return this.idempotency.run(
      parseIdempotencyKey(idempotencyKey),
      { operation: 'rollback', inputs: [releaseId, toReleaseId, by, ...(allow ? [allow] : [])] },
      (record) => this.publisher.rollback(releaseId, by, toReleaseId, record, allow),
    );
  }
}
