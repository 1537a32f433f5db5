import {
  BadRequestException,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Req,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AdminCalls, namespacePath, segments } from './admin-calls';
import { ReviewGate } from './review-gate';
import { consumerMay } from './consumer-rules';
import { consumerOf, forbidden } from './consumer-token.guard';
import { adminReleaseBody, toOpenRelease, toOpenReleaseDiff } from './open-api-mapping';
import { Needs, OpenApiController } from './open-api-route';
import { bodyOf, intParam, queryOf } from './request-parts';

const NAMESPACE = 'openapi/v1/envs/:env/apps/:appId/clusters/:clusterName/namespaces/:namespaceName';

interface At {
  env: string;
  appId: string;
  clusterName: string;
  namespaceName: string;
}

type Release = { appId: string; clusterName: string; namespaceName: string; isAbandoned?: boolean };

function releaseId(raw: string): string {
  if (!/^\d{1,18}$/.test(raw)) throw new BadRequestException('releaseId must be a number');
  return raw;
}

/** Apollo's Open API: releases, the active release and rollback. */
@ApiTags('open api')
@OpenApiController()
@Controller()
export class OpenApiReleasesController {
  constructor(
    @Inject(AdminCalls) private readonly calls: AdminCalls,
    @Inject(ReviewGate) private readonly review: ReviewGate,
  ) {}

  @Post(`${NAMESPACE}/releases`)
  @Needs('release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish the namespace; releasedBy (or ?operator=) is the operator' })
  async release(@Req() request: FastifyRequest) {
    const at = request.params as At;
    const body = bodyOf(request);
    const operator = await this.calls.operator(
      queryOf(request)['operator'] ?? body['releasedBy'],
      'releasedBy',
    );
    if (typeof body['releaseTitle'] !== 'string' || body['releaseTitle'] === '') {
      throw new BadRequestException('Params(releaseTitle) can not be empty');
    }
    await this.review.check(at.env, at.appId, body['isEmergencyPublish'] === true);
    const created = await this.calls.call(at.env, {
      method: 'POST',
      path: `${namespacePath(at.appId, at.clusterName, at.namespaceName)}/releases`,
      body: adminReleaseBody(body),
      operator,
    });
    return toOpenRelease(created);
  }

  @Get(`${NAMESPACE}/releases/latest`)
  @Needs('read')
  @ApiOperation({ summary: 'The active release (an empty answer before the first one, as in Apollo)' })
  async latest(@Req() request: FastifyRequest) {
    const at = request.params as At;
    const path = namespacePath(at.appId, at.clusterName, at.namespaceName);
    const answer = await this.calls.answer(at.env, { method: 'GET', path: `${path}/releases/latest` });
    if (answer.status === 200) return toOpenRelease(answer.body);
    // 404 may mean "no release yet" (Apollo answers nothing then) or "no such namespace" (404).
    if (answer.status === 404) await this.calls.get(at.env, path);
    else await this.calls.call(at.env, { method: 'GET', path: `${path}/releases/latest` });
    return undefined;
  }

  @Get(`${NAMESPACE}/releases/active`)
  @Needs('read')
  @ApiOperation({ summary: 'Releases not rolled back, newest first (?page=0&size=5)' })
  async active(@Req() request: FastifyRequest) {
    const at = request.params as At;
    const query = queryOf(request);
    const page = intParam(query['page'], 'page', 0, 1_000_000);
    const size = intParam(query['size'], 'size', 5, 500, 1);
    const list = (await this.calls.get(
      at.env,
      `${namespacePath(at.appId, at.clusterName, at.namespaceName)}/releases?page=${page}&size=${size}`,
    )) as Release[];
    return list.filter((release) => !release.isAbandoned).map(toOpenRelease);
  }

  @Get('openapi/v1/envs/:env/releases/comparison')
  @Needs('token')
  @ApiOperation({
    summary:
      'Keys added, modified and deleted from baseReleaseId to toCompareReleaseId (a grant on their apps in this environment)',
  })
  async compare(@Req() request: FastifyRequest, @Param('env') env: string) {
    const query = queryOf(request);
    const base = releaseId(query['baseReleaseId'] ?? '');
    const other = releaseId(query['toCompareReleaseId'] ?? '');
    const grants = consumerOf(request).grants;
    for (const id of [base, other]) {
      if (id === '0') continue;
      const release = (await this.calls.get(env, segments('releases', id))) as Release;
      const action = { kind: 'read', appId: release.appId, env } as const;
      if (!consumerMay(grants, action)) throw new ForbiddenException(forbidden(action));
    }
    return toOpenReleaseDiff(
      await this.calls.get(env, `/releases/compare?baseReleaseId=${base}&toCompareReleaseId=${other}`),
    );
  }

  @Get('openapi/v1/envs/:env/releases/:releaseId')
  @Needs('token')
  @ApiOperation({ summary: 'One release (a grant on its app in this environment)' })
  async get(@Req() request: FastifyRequest, @Param('env') env: string, @Param('releaseId') id: string) {
    const release = (await this.calls.get(env, segments('releases', releaseId(id)))) as Release;
    const action = { kind: 'read', appId: release.appId, env } as const;
    if (!consumerMay(consumerOf(request).grants, action)) throw new ForbiddenException(forbidden(action));
    return toOpenRelease(release);
  }

  @Put('openapi/v1/envs/:env/releases/:releaseId/rollback')
  @Needs('token')
  @ApiOperation({
    summary:
      "Roll back a namespace's active release (release grant on its namespace); ?operator= required, ?toReleaseId= goes further back",
  })
  async rollback(
    @Req() request: FastifyRequest,
    @Param('env') env: string,
    @Param('releaseId') id: string,
  ): Promise<void> {
    const query = queryOf(request);
    const release = (await this.calls.get(env, segments('releases', releaseId(id)))) as Release;
    const action = {
      kind: 'release',
      appId: release.appId,
      namespaceName: release.namespaceName,
      env: env.toUpperCase(),
    } as const;
    if (!consumerMay(consumerOf(request).grants, action)) throw new ForbiddenException(forbidden(action));
    const operator = await this.calls.operator(query['operator'], 'operator');
    const to = query['toReleaseId'];
    // Apollo reads toReleaseId -1 (or absent) as "just the active one".
    const further = to !== undefined && to !== '' && Number(to) > -1 ? `?toReleaseId=${releaseId(to)}` : '';
    await this.calls.call(env, {
      method: 'PUT',
      path: `${segments('releases', id, 'rollback')}${further}`,
      operator,
    });
  }
}
