import { Controller, Get, Headers, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { OPERATOR_HEADER, requireOperator } from '../common/operator';
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
  @ApiOkResponse({ type: ReleaseDto, description: 'The release clients now get' })
  rollback(
    @Param('releaseId', ParseIntPipe) releaseId: number,
    @Query('operator') operator?: string,
    @Query('toReleaseId', new ParseIntPipe({ optional: true })) toReleaseId?: number,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<ReleaseDto> {
    return this.publisher.rollback(releaseId, requireOperator(operator, operatorHeader), toReleaseId);
  }
}
