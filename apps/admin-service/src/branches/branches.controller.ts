import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OPERATOR_HEADER, requireOperator } from '../common/operator';
import { IDEMPOTENCY_KEY_HEADER, parseIdempotencyKey } from '../idempotency/idempotency-key';
import { IdempotentRequests } from '../idempotency/idempotent-requests';
import { PublishReleaseDto, ReleaseDto } from '../releases/release.dto';
import { BranchDto, CreateBranchDto, MergeBranchDto, UpdateGrayRulesDto } from './branch.dto';
import { BranchService } from './branch.service';

/** Gray release, on Apollo's Open API paths. */
@ApiTags('gray release')
@Controller('apps/:appId/clusters/:cluster/namespaces/:namespace/branches')
export class BranchesController {
  constructor(
    private readonly branches: BranchService,
    private readonly idempotency: IdempotentRequests,
  ) {}

  @Post()
  @ApiOperation({
    operationId: 'createBranch',
    summary: "Create the namespace's gray branch from its active release",
  })
  @ApiCreatedResponse({ type: BranchDto })
  create(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Body() body: CreateBranchDto,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<BranchDto> {
    return this.branches.create(
      { appId, cluster, namespace },
      requireOperator(body.dataChangeCreatedBy, operatorHeader),
    );
  }

  @Get()
  @ApiOperation({ operationId: 'getBranch', summary: "The namespace's gray branch and its rules" })
  @ApiOkResponse({ type: BranchDto })
  get(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
  ): Promise<BranchDto> {
    return this.branches.get({ appId, cluster, namespace });
  }

  @Put(':branch/rules')
  @ApiOperation({
    operationId: 'updateGrayRules',
    summary: 'Choose the clients that get the gray release (no new release needed)',
  })
  @ApiOkResponse({ type: BranchDto })
  rules(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Param('branch') branch: string,
    @Body() body: UpdateGrayRulesDto,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<BranchDto> {
    const operator = requireOperator(body.dataChangeLastModifiedBy, operatorHeader);
    return this.branches.updateRules({ appId, cluster, namespace }, branch, body.ruleItems, operator);
  }

  @Post(':branch/releases')
  @ApiOperation({
    operationId: 'publishGrayRelease',
    summary: "Publish the branch's configuration to the clients its rules pick",
  })
  @ApiCreatedResponse({ type: ReleaseDto })
  publish(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Param('branch') branch: string,
    @Body() body: PublishReleaseDto,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey?: string,
  ): Promise<ReleaseDto> {
    const operator = requireOperator(body.releasedBy, operatorHeader);
    const address = { appId, cluster, namespace };
    const request = {
      title: body.releaseTitle,
      comment: body.releaseComment,
      allowSecretsWithoutAccessKey: body.allowSecretsWithoutAccessKey,
    };
    return this.idempotency.run(
      parseIdempotencyKey(idempotencyKey),
      { operation: 'gray-publish', inputs: [address, branch, request, operator] },
      (record) => this.branches.publishGray(address, branch, request, operator, record),
    );
  }

  @Post(':branch/merge')
  @ApiOperation({
    operationId: 'mergeBranch',
    summary: "Apply the branch's changes to the main namespace and release it for everyone",
  })
  @ApiCreatedResponse({ type: ReleaseDto })
  merge(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Param('branch') branch: string,
    @Body() body: MergeBranchDto,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey?: string,
  ): Promise<ReleaseDto> {
    const operator = requireOperator(body.releasedBy, operatorHeader);
    const address = { appId, cluster, namespace };
    const request = {
      title: body.releaseTitle,
      comment: body.releaseComment,
      allowSecretsWithoutAccessKey: body.allowSecretsWithoutAccessKey,
    };
    const deleteBranch = body.deleteBranch ?? true;
    return this.idempotency.run(
      parseIdempotencyKey(idempotencyKey),
      { operation: 'gray-merge', inputs: [address, branch, request, deleteBranch, operator] },
      (record) => this.branches.merge(address, branch, request, deleteBranch, operator, record),
    );
  }

  @Delete(':branch')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'abandonBranch',
    summary: 'Abandon the gray release: its clients go back to the main release',
  })
  abandon(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Param('branch') branch: string,
    @Query('operator') operator?: string,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<void> {
    return this.branches.abandon(
      { appId, cluster, namespace },
      branch,
      requireOperator(operator, operatorHeader),
    );
  }
}
