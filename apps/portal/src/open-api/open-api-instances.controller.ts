import { BadRequestException, Controller, ForbiddenException, Get, Inject, Param, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AdminCalls, namespacePath, segments } from './admin-calls';
import { consumerMay } from './consumer-rules';
import { consumerOf, forbidden } from './consumer-token.guard';
import { toOpenInstance } from './open-api-mapping';
import { Needs, OpenApiController } from './open-api-route';
import { intParam, queryOf } from './request-parts';

type Instance = { appId: string; config?: { releaseKey?: string } };
type InstancePage = { content: Instance[]; total: number };
type Release = { id: number; releaseKey: string; appId: string; clusterName: string; namespaceName: string };

/** Pages of 500 read at most when a query has to look at every instance of a namespace. */
const MAX_SCANNED_PAGES = 20;
const MAX_RELEASE_IDS = 100;

function required(query: Record<string, string | undefined>, name: string): string {
  const value = query[name];
  if (value === undefined || value.trim() === '')
    throw new BadRequestException(`${name} should not be empty`);
  return value;
}

/**
 * Apollo's Open API: the client instances config-service saw. As in Apollo, a consumer reads them
 * with the release grant of the namespace (they show which release each client holds).
 */
@ApiTags('open api')
@OpenApiController()
@Controller('openapi/v1/envs/:env')
export class OpenApiInstancesController {
  constructor(@Inject(AdminCalls) private readonly calls: AdminCalls) {}

  @Get('apps/:appId/clusters/:clusterName/namespaces/:namespaceName/instances')
  @Needs('release')
  @ApiOperation({ summary: 'How many client instances read the namespace' })
  async count(
    @Param('env') env: string,
    @Param('appId') appId: string,
    @Param('clusterName') cluster: string,
    @Param('namespaceName') namespace: string,
  ): Promise<number> {
    const page = (await this.calls.get(
      env,
      `${namespacePath(appId, cluster, namespace)}/instances?page=0&size=1`,
    )) as InstancePage;
    return page.total;
  }

  @Get('instances/by-release')
  @Needs('token')
  @ApiOperation({ summary: 'Instances holding a release, paged (?releaseId=&page=0&size=20)' })
  async byRelease(@Param('env') env: string, @Req() request: FastifyRequest) {
    const query = queryOf(request);
    const releaseId = required(query, 'releaseId');
    if (!/^\d{1,18}$/.test(releaseId)) throw new BadRequestException('releaseId must be a number');
    const page = intParam(query['page'], 'page', 0, 1_000_000);
    const size = intParam(query['size'], 'size', 20, 500, 1);
    const release = (await this.calls.get(env, segments('releases', releaseId))) as Release;
    this.check(request, env, release.appId, release.namespaceName);
    const found = (await this.calls.get(
      env,
      `${segments('releases', releaseId, 'instances')}?page=${page}&size=${size}`,
    )) as InstancePage;
    return {
      page,
      size,
      total: found.total,
      instances: found.content.map((instance) => toOpenInstance(instance, release)),
    };
  }

  @Get('instances/by-namespace')
  @Needs('token')
  @ApiOperation({
    summary:
      'Instances reading a namespace, paged (?appId=&clusterName=&namespaceName=[&instanceAppId=]&page=&size=)',
  })
  async byNamespace(@Param('env') env: string, @Req() request: FastifyRequest) {
    const query = queryOf(request);
    const appId = required(query, 'appId');
    const cluster = required(query, 'clusterName');
    const namespace = required(query, 'namespaceName');
    const page = intParam(query['page'], 'page', 0, 1_000_000);
    const size = intParam(query['size'], 'size', 20, 500, 1);
    this.check(request, env, appId, namespace);
    const path = namespacePath(appId, cluster, namespace);
    const releases = await this.releasesByKey(env, path);
    const clientAppId = query['instanceAppId'];
    let instances: Instance[];
    let total: number;
    if (clientAppId === undefined || clientAppId === '') {
      const found = (await this.calls.get(
        env,
        `${path}/instances?page=${page}&size=${size}`,
      )) as InstancePage;
      instances = found.content;
      total = found.total;
    } else {
      const all = (await this.everyInstance(env, path)).filter((instance) => instance.appId === clientAppId);
      instances = all.slice(page * size, page * size + size);
      total = all.length;
    }
    return {
      page,
      size,
      total,
      instances: instances.map((instance) =>
        toOpenInstance(instance, releases.get(instance.config?.releaseKey ?? '')),
      ),
    };
  }

  @Get('instances/by-namespace-and-releases-not-in')
  @Needs('token')
  @ApiOperation({
    summary:
      'Instances of a namespace holding none of the releases named (?appId=&clusterName=&namespaceName=&releaseIds=1,2)',
  })
  async notIn(@Param('env') env: string, @Req() request: FastifyRequest) {
    const query = queryOf(request);
    const appId = required(query, 'appId');
    const cluster = required(query, 'clusterName');
    const namespace = required(query, 'namespaceName');
    this.check(request, env, appId, namespace);
    const raw = query['releaseIds'];
    if (raw === undefined || raw.trim() === '')
      throw new BadRequestException('releaseIds should not be empty');
    const ids = raw
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '');
    if (ids.length === 0) throw new BadRequestException('releaseIds should not be empty');
    if (ids.some((id) => !/^\d{1,18}$/.test(id))) {
      throw new BadRequestException('releaseIds should be comma separated numbers');
    }
    if (ids.length > MAX_RELEASE_IDS) throw new BadRequestException(`at most ${MAX_RELEASE_IDS} releaseIds`);
    const path = namespacePath(appId, cluster, namespace);
    const releases = await this.releasesByKey(env, path);
    const excluded = new Set(
      [...releases.values()].filter((r) => ids.includes(String(r.id))).map((r) => r.releaseKey),
    );
    return (await this.everyInstance(env, path))
      .filter((instance) => !excluded.has(instance.config?.releaseKey ?? ''))
      .map((instance) => toOpenInstance(instance, releases.get(instance.config?.releaseKey ?? '')));
  }

  private check(request: FastifyRequest, env: string, appId: string, namespaceName: string): void {
    const action = { kind: 'release', appId, namespaceName, env: env.toUpperCase() } as const;
    if (!consumerMay(consumerOf(request).grants, action)) throw new ForbiddenException(forbidden(action));
  }

  /** The namespace's releases (the newest 500) by release key, to name the release each instance holds. */
  private async releasesByKey(env: string, path: string): Promise<Map<string, Release>> {
    const list = (await this.calls.get(env, `${path}/releases?page=0&size=500`)) as Release[];
    return new Map(list.map((release) => [release.releaseKey, release]));
  }

  private async everyInstance(env: string, path: string): Promise<Instance[]> {
    const all: Instance[] = [];
    for (let page = 0; page < MAX_SCANNED_PAGES; page += 1) {
      const found = (await this.calls.get(env, `${path}/instances?page=${page}&size=500`)) as InstancePage;
      all.push(...found.content);
      if (found.content.length < 500) break;
    }
    return all;
  }
}
