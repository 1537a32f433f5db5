import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { StartRolloutUnlessReview } from '../review/start-rollout-unless-review';
import { Requires } from '../sessions/access';
import { ConfigForwarder } from './config-forwarder';

const ROLLOUTS = 'api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/rollouts';

/**
 * Progressive rollouts of a namespace, on the environment's admin-service (which checks that a
 * rollout id is one of the namespace's). Reading needs read permission; starting and moving a
 * rollout need release, as a release does; the portal user is the operator.
 */
@ApiTags('rollouts')
@Controller(ROLLOUTS)
export class RolloutsController {
  constructor(
    @Inject(ConfigForwarder) private readonly forwarder: ConfigForwarder,
    @Inject(StartRolloutUnlessReview) private readonly startRollout: StartRolloutUnlessReview,
  ) {}

  @Get()
  @Requires('read')
  @ApiOperation({ summary: "The namespace's rollouts, newest first (at most 50)" })
  list(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Post()
  @Requires('release')
  @ApiOperation({
    summary:
      'Start a rollout of the unreleased changes (release permission); 409 where releases need review, unless isEmergencyPublish is allowed there',
  })
  start(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.startRollout.execute(request, reply);
  }

  @Get(':id')
  @Requires('read')
  @ApiOperation({ summary: 'One rollout with its events and its health signals now' })
  get(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Post(':id/pause')
  @Requires('release')
  @ApiOperation({ summary: 'Hold the rollout at its step (release permission)' })
  pause(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Post(':id/resume')
  @Requires('release')
  @ApiOperation({ summary: 'Run a paused rollout again (release permission)' })
  resume(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Post(':id/advance')
  @Requires('release')
  @ApiOperation({
    summary: 'Go to the next step now; at the last step, merge for everyone (release permission)',
  })
  advance(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Post(':id/abort')
  @Requires('release')
  @ApiOperation({
    summary: 'Stop the rollout: every client goes back to the main release (release permission)',
  })
  abort(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }
}
