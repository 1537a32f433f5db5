import { Controller, Delete, Get, Inject, Post, Put, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Requires } from '../sessions/access';
import { ConfigForwarder, namespacePathOf } from './config-forwarder';

const BRANCHES = 'api/envs/:env/apps/:appId/clusters/:cluster/namespaces/:namespace/branches';

/**
 * Gray release. Permissions are those of the main namespace (a branch is a child cluster named by
 * the admin-service, so a cluster-scoped grant on `:cluster` covers its branch); every route
 * naming a branch first checks it is this namespace's branch. As in Apollo, editing a branch
 * needs modify, and its rules, gray releases, merge and abandoning it need release.
 */
@ApiTags('gray release')
@Controller(BRANCHES)
export class BranchesController {
  constructor(@Inject(ConfigForwarder) private readonly forwarder: ConfigForwarder) {}

  @Get()
  @Requires('read')
  @ApiOperation({ summary: "The namespace's gray branch and its rules (404: none)" })
  get(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Post()
  @Requires('modify')
  @ApiOperation({ summary: 'Create the gray branch from the active release (modify permission)' })
  create(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Get(':branch/items')
  @Requires('read')
  @ApiOperation({ summary: "The branch's items (values hidden from non-members where so configured)" })
  items(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.onBranch(request, reply, '/items');
  }

  @Post(':branch/items')
  @Requires('modify')
  @ApiOperation({ summary: 'Create an item in the branch (modify permission)' })
  createItem(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.onBranch(request, reply, '/items');
  }

  @Put(':branch/items/:key')
  @Requires('modify')
  @ApiOperation({ summary: 'Change an item of the branch (modify permission)' })
  updateItem(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.onBranch(request, reply, `/items/${keyOf(request)}`);
  }

  @Delete(':branch/items/:key')
  @Requires('modify')
  @ApiOperation({ summary: 'Delete an item of the branch (modify permission)' })
  deleteItem(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.onBranch(request, reply, `/items/${keyOf(request)}`);
  }

  @Put(':branch/rules')
  @Requires('release')
  @ApiOperation({ summary: 'Choose the clients that get the gray release (release permission)' })
  rules(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.onMain(request, reply, 'rules');
  }

  @Post(':branch/releases')
  @Requires('release')
  @ApiOperation({ summary: 'Publish the branch to the clients its rules pick (release permission)' })
  publish(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.onMain(request, reply, 'releases');
  }

  @Post(':branch/merge')
  @Requires('release')
  @ApiOperation({
    summary: 'Merge the branch into the namespace and release it to everyone (release permission)',
  })
  merge(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.onMain(request, reply, 'merge');
  }

  @Delete(':branch')
  @Requires('release')
  @ApiOperation({
    summary: 'Abandon the gray release: its clients go back to the main release (release permission)',
  })
  abandon(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.onMain(request, reply, '');
  }

  /** `…/branches/{branch}/{what}` on the admin-service, once the branch is known to be this namespace's. */
  private async onMain(request: FastifyRequest, reply: FastifyReply, what: string) {
    const branch = branchOf(request);
    const foreign = await this.forwarder.foreignBranch(request, branch);
    if (foreign) return this.forwarder.answer(request, reply, foreign);
    const suffix = what ? `/${what}` : '';
    return this.forwarder.forwardTo(
      request,
      reply,
      `${namespacePathOf(request)}/branches/${encodeURIComponent(branch)}${suffix}`,
    );
  }

  /** The branch's own items live under the branch as a cluster, as in Apollo. */
  private async onBranch(request: FastifyRequest, reply: FastifyReply, rest: string) {
    const branch = branchOf(request);
    const foreign = await this.forwarder.foreignBranch(request, branch);
    if (foreign) return this.forwarder.answer(request, reply, foreign);
    const p = request.params as Record<string, string>;
    const e = encodeURIComponent;
    return this.forwarder.forwardTo(
      request,
      reply,
      `/apps/${e(p['appId']!)}/clusters/${e(branch)}/namespaces/${e(p['namespace']!)}${rest}`,
    );
  }
}

function branchOf(request: FastifyRequest): string {
  return (request.params as Record<string, string>)['branch']!;
}

function keyOf(request: FastifyRequest): string {
  return encodeURIComponent((request.params as Record<string, string>)['key']!);
}
