import { Controller, Get, Inject, Put, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Requires } from '../sessions/access';
import { ConfigForwarder } from './config-forwarder';

const NAMESPACE = 'api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace';

/**
 * Release diffs, one release, the instances reading a namespace, the namespace lock and revoking
 * unreleased edits. Releases named by id must be this namespace's (permissions were checked on it).
 */
@ApiTags('releases')
@Controller(NAMESPACE)
export class NamespaceToolsController {
  constructor(@Inject(ConfigForwarder) private readonly forwarder: ConfigForwarder) {}

  @Get('releases/compare')
  @Requires('read-values')
  @ApiOperation({
    summary:
      'Keys added, modified and deleted between two releases (?baseReleaseId=&toCompareReleaseId=; 0: nothing)',
  })
  async compare(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const query = request.query as Record<string, string | undefined>;
    for (const id of [query['baseReleaseId'], query['toCompareReleaseId']]) {
      if (id === undefined || id === '0') continue;
      const foreign = await this.forwarder.foreignRelease(request, id);
      if (foreign) return this.forwarder.answer(request, reply, foreign);
    }
    return this.forwarder.forwardTo(request, reply, '/releases/compare');
  }

  @Get('releases/:releaseId')
  @Requires('read-values')
  @ApiOperation({ summary: 'One release of this namespace' })
  async release(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const id = (request.params as Record<string, string>)['releaseId']!;
    const foreign = await this.forwarder.foreignRelease(request, id);
    if (foreign) return this.forwarder.answer(request, reply, foreign);
    return this.forwarder.forwardTo(request, reply, `/releases/${encodeURIComponent(id)}`);
  }

  @Get('releases/:releaseId/instances')
  @Requires('read')
  @ApiOperation({ summary: 'Client instances holding this release of the namespace (paged)' })
  async releaseInstances(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const id = (request.params as Record<string, string>)['releaseId']!;
    const foreign = await this.forwarder.foreignRelease(request, id);
    if (foreign) return this.forwarder.answer(request, reply, foreign);
    return this.forwarder.forwardTo(request, reply, `/releases/${encodeURIComponent(id)}/instances`);
  }

  @Get('instances')
  @Requires('read')
  @ApiOperation({ summary: 'Client instances reading the namespace and the release each holds (paged)' })
  instances(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Get('instances/not-on-latest-release')
  @Requires('read')
  @ApiOperation({ summary: 'Client instances still holding an older release (paged)' })
  notOnLatest(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Get('lock')
  @Requires('read')
  @ApiOperation({ summary: 'Who holds the namespace lock, if anyone' })
  lock(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Put('revoke-items')
  @Requires('modify')
  @ApiOperation({
    summary: 'Throw away unreleased edits: items go back to the active release (modify permission)',
  })
  revoke(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }
}
