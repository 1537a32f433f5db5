import { Controller, Delete, Get, Inject, Post, Put, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Requires } from '../sessions/access';
import { ConfigForwarder } from './config-forwarder';

const APP = 'api/envs/:env/apps/:appId';

/**
 * Public namespaces an app associates (to override their keys, through the items routes with the
 * public namespace's name) and the app's access keys. As in Apollo both are the app master's.
 */
@ApiTags('apps')
@Controller(APP)
export class AppToolsController {
  constructor(@Inject(ConfigForwarder) private readonly forwarder: ConfigForwarder) {}

  @Get('associated-namespaces')
  @Requires('read')
  @ApiOperation({ summary: "Other apps' public namespaces this app associates" })
  associations(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  /** What the association dialog offers: every other app's public namespace (app master). */
  @Get('public-namespaces')
  @Requires('master')
  @ApiOperation({
    summary:
      "Other apps' public namespaces, by name, that this app may associate: name, format and owning app (app master)",
  })
  async publicNamespaces(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const appId = (request.params as Record<string, string>)['appId']!.toLowerCase();
    const answer = await this.forwarder.call(request, { method: 'GET', path: '/appnamespaces/public' });
    const body =
      answer.status === 200 && Array.isArray(answer.body)
        ? (answer.body as Array<{ ownerAppId: string }>).filter((ns) => ns.ownerAppId.toLowerCase() !== appId)
        : answer.body;
    return this.forwarder.answer(request, reply, { status: answer.status, body });
  }

  @Post('associated-namespaces')
  @Requires('master')
  @ApiOperation({ summary: "Associate another app's public namespace `{namespaceName}` (app master)" })
  associate(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Delete('associated-namespaces/:namespace')
  @Requires('master')
  @ApiOperation({ summary: 'Drop an association and its overrides in every cluster (app master)' })
  dissociate(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Get('accesskeys')
  @Requires('master')
  @ApiOperation({ summary: "The app's access keys, secrets masked (app master)" })
  accessKeys(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Post('accesskeys')
  @Requires('master')
  @ApiOperation({ summary: 'Create a disabled key; its secret is in this answer only (app master)' })
  createAccessKey(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Put('accesskeys/:id/enable')
  @Requires('master')
  @ApiOperation({
    summary: 'Enable a key: ?mode=0 FILTER (default, clients must sign), 1 OBSERVER (app master)',
  })
  enableAccessKey(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Put('accesskeys/:id/disable')
  @Requires('master')
  @ApiOperation({ summary: 'Disable a key (app master)' })
  disableAccessKey(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Delete('accesskeys/:id')
  @Requires('master')
  @ApiOperation({ summary: 'Delete a disabled key (app master)' })
  deleteAccessKey(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }
}
