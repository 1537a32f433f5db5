import { Body, Controller, Get, Headers, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OPERATOR_HEADER, requireOperator } from '../common/operator';
import { RolloutActionDto, RolloutDto, StartRolloutDto } from './rollout.dto';
import { RolloutService, type OperatorAction } from './rollout.service';

const BASE = 'apps/:appId/clusters/:cluster/namespaces/:namespace/rollouts';

/** Progressive rollouts of a namespace (Houston's own; Apollo has none). */
@ApiTags('rollouts')
@Controller(BASE)
export class RolloutsController {
  constructor(private readonly rollouts: RolloutService) {}

  @Post()
  @ApiOperation({
    operationId: 'startRollout',
    summary:
      "Release the namespace's unreleased changes (or a gray branch's) to a growing, sticky share of its instances, merged at 100 %",
  })
  @ApiCreatedResponse({ type: RolloutDto })
  start(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Body() body: StartRolloutDto,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<RolloutDto> {
    const { steps, gates, onFailure } = body;
    return this.rollouts.start(
      { appId, cluster, namespace },
      {
        plan: { steps, gates, onFailure },
        branchName: body.branchName,
        title: body.releaseTitle,
        comment: body.releaseComment,
        allowSecretsWithoutAccessKey: body.allowSecretsWithoutAccessKey,
      },
      requireOperator(body.releasedBy, operatorHeader),
    );
  }

  @Get()
  @ApiOperation({
    operationId: 'listRollouts',
    summary: "The namespace's rollouts, newest first (at most 50)",
  })
  @ApiOkResponse({ type: RolloutDto, isArray: true })
  list(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
  ): Promise<RolloutDto[]> {
    return this.rollouts.list({ appId, cluster, namespace });
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getRollout',
    summary: 'One rollout with its events and its health signals now',
  })
  @ApiOkResponse({ type: RolloutDto })
  get(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Param('id', ParseIntPipe) id: number,
  ): Promise<RolloutDto> {
    return this.rollouts.get({ appId, cluster, namespace }, id);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'pauseRollout',
    summary: 'Hold the rollout at its step: no automatic step until resumed',
  })
  @ApiOkResponse({ type: RolloutDto })
  pause(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: RolloutActionDto,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<RolloutDto> {
    return this.act({ appId, cluster, namespace }, id, 'pause', body, operatorHeader);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'resumeRollout',
    summary: "Run a paused rollout again; its step's bake time starts over",
  })
  @ApiOkResponse({ type: RolloutDto })
  resume(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: RolloutActionDto,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<RolloutDto> {
    return this.act({ appId, cluster, namespace }, id, 'resume', body, operatorHeader);
  }

  @Post(':id/advance')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'advanceRollout',
    summary:
      'Go to the next step now, without waiting for the bake time (merges when the next step is 100 %); a paused rollout runs again',
  })
  @ApiOkResponse({ type: RolloutDto })
  advance(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: RolloutActionDto,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<RolloutDto> {
    return this.act({ appId, cluster, namespace }, id, 'advance', body, operatorHeader);
  }

  @Post(':id/abort')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'abortRollout',
    summary: 'Stop the rollout: the gray branch is abandoned, every client gets the main release',
  })
  @ApiOkResponse({ type: RolloutDto })
  abort(
    @Param('appId') appId: string,
    @Param('cluster') cluster: string,
    @Param('namespace') namespace: string,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: RolloutActionDto,
    @Headers(OPERATOR_HEADER) operatorHeader?: string,
  ): Promise<RolloutDto> {
    return this.act({ appId, cluster, namespace }, id, 'abort', body, operatorHeader);
  }

  private act(
    address: { appId: string; cluster: string; namespace: string },
    id: number,
    action: OperatorAction,
    body: RolloutActionDto,
    operatorHeader?: string,
  ): Promise<RolloutDto> {
    return this.rollouts.act(
      address,
      id,
      action,
      requireOperator(body.operator, operatorHeader),
      body.reason ?? '',
    );
  }
}
