import { Controller, Delete, Get, HttpCode, Inject, Post, Put, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReleaseOrRequestReview } from '../review/release-or-request-review';
import { Requires } from '../sessions/access';
import { ConfigForwarder, namespacePathOf } from './config-forwarder';

// Thin on purpose: each route says who may call it and goes on to the environment's
// admin-service (see ConfigForwarder); the admin-service validates and answers.

const APP = 'api/envs/:env/apps/:appId';
const NAMESPACE = `${APP}/clusters/:cluster/namespaces/:namespace`;

@ApiTags('clusters and namespaces')
@Controller()
export class ClustersController {
  constructor(@Inject(ConfigForwarder) private readonly forwarder: ConfigForwarder) {}

  @Get(`${APP}/clusters`)
  @Requires('read')
  @ApiOperation({ summary: "The app's clusters in this environment" })
  list(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Post(`${APP}/clusters`)
  @Requires('master')
  @ApiOperation({ summary: 'Create a cluster (app master)' })
  create(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Get(`${APP}/appnamespaces`)
  @Requires('read')
  @ApiOperation({ summary: "The app's namespace definitions" })
  appNamespaces(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Post(`${APP}/appnamespaces`)
  @Requires('master')
  @ApiOperation({ summary: 'Create a namespace (app master)' })
  createAppNamespace(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Put(`${APP}/appnamespaces/:namespace/secret`)
  @Requires('master')
  @ApiOperation({
    summary: 'Make every item of a namespace secret (encrypted now and on every write), or stop (app master)',
  })
  setAppNamespaceSecret(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Get(`${APP}/clusters/:cluster/namespaces`)
  @Requires('read')
  @ApiOperation({
    summary: "A cluster's namespaces with their items (values hidden from non-members where so configured)",
  })
  namespaces(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Post(`${APP}/clusters/:cluster/namespaces`)
  @Requires('master')
  @ApiOperation({
    summary:
      "Make one of the app's namespaces `{namespaceName}` (or associate a public one) in this cluster only (app master)",
  })
  createInCluster(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Get(NAMESPACE)
  @Requires('read')
  @ApiOperation({ summary: 'One namespace with its items' })
  namespace(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Delete(NAMESPACE)
  @Requires('master')
  @ApiOperation({
    summary:
      'Delete the namespace from this cluster only, with its items, releases and gray branch (app master)',
  })
  deleteInCluster(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Get(`${APP}/clusters/:cluster/missing-namespaces`)
  @Requires('read')
  @ApiOperation({ summary: "The app's private namespaces this cluster lacks" })
  missingNamespaces(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Post(`${APP}/clusters/:cluster/missing-namespaces`)
  @Requires('master')
  @ApiOperation({ summary: 'Make every missing private namespace in this cluster (app master)' })
  createMissingNamespaces(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }
}

@ApiTags('items')
@Controller(`${NAMESPACE}/items`)
export class ItemsController {
  constructor(@Inject(ConfigForwarder) private readonly forwarder: ConfigForwarder) {}

  @Get()
  @Requires('read')
  @ApiOperation({ summary: "The namespace's items" })
  list(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Post()
  @Requires('modify')
  @ApiOperation({ summary: 'Create an item (modify permission)' })
  create(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Put()
  @Requires('modify')
  @ApiOperation({ summary: 'Replace every item from text (modify permission)' })
  replaceAll(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Get(':key')
  @Requires('read')
  @ApiOperation({ summary: 'One item' })
  get(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Post(':key/reveal')
  @Requires('reveal')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "A secret item with its clear value (RevealSecrets role on the app, namespace and environment); every reveal is in the portal's audit log and the admin-service's",
  })
  reveal(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const key = (request.params as Record<string, string>)['key']!;
    return this.forwarder
      .call(request, {
        method: 'GET',
        path: `${namespacePathOf(request)}/items/${encodeURIComponent(key)}?reveal=true`,
      })
      .then((answer) => this.forwarder.answer(request, reply, answer));
  }

  @Put(':key')
  @Requires('modify')
  @ApiOperation({ summary: 'Change an item (modify permission)' })
  update(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Delete(':key')
  @Requires('modify')
  @ApiOperation({ summary: 'Delete an item (modify permission)' })
  remove(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }
}

@ApiTags('releases')
@Controller(NAMESPACE)
export class ReleasesController {
  constructor(
    @Inject(ConfigForwarder) private readonly forwarder: ConfigForwarder,
    @Inject(ReleaseOrRequestReview) private readonly releaseOrRequestReview: ReleaseOrRequestReview,
  ) {}

  @Post('releases')
  @Requires('release')
  @ApiOperation({
    summary:
      'Publish the namespace (release permission; the portal user is the releaser), or, where review is needed, ask for it (202)',
  })
  release(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.releaseOrRequestReview.execute(request, reply);
  }

  @Post('releases/dry-run')
  @Requires('release')
  @ApiOperation({
    summary:
      'What a release now would publish and the checks it must pass (syntax, schema, validation webhooks), publishing nothing (release permission)',
  })
  dryRun(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Get('releases')
  @Requires('read-values')
  @ApiOperation({ summary: "The namespace's releases" })
  list(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Get('releases/latest')
  @Requires('read-values')
  @ApiOperation({ summary: 'The active release' })
  latest(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Get('releases/histories')
  @Requires('read-values')
  @ApiOperation({ summary: 'Release history' })
  histories(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Get('unreleased-changes')
  @Requires('read-values')
  @ApiOperation({ summary: 'What a release now would change' })
  unreleased(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Get('commits')
  @Requires('read-values')
  @ApiOperation({ summary: 'Every edit as change sets' })
  commits(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.forwarder.forward(request, reply);
  }

  @Put('releases/:releaseId/rollback')
  @Requires('release')
  @ApiOperation({
    summary:
      "Roll back this namespace's active release (release permission); ?toReleaseId= goes further back",
  })
  async rollback(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const params = request.params as Record<string, string>;
    const query = request.query as Record<string, string | undefined>;
    for (const id of [params['releaseId'], query['toReleaseId']]) {
      if (id === undefined) continue;
      const foreign = await this.forwarder.foreignRelease(request, id);
      if (foreign) return this.forwarder.answer(request, reply, foreign);
    }
    const to =
      query['toReleaseId'] === undefined ? '' : `?toReleaseId=${encodeURIComponent(query['toReleaseId'])}`;
    const answer = await this.forwarder.call(request, {
      method: 'PUT',
      path: `/releases/${encodeURIComponent(params['releaseId']!)}/rollback${to}`,
    });
    return this.forwarder.answer(request, reply, answer);
  }
}
