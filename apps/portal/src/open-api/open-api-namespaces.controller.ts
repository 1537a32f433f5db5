import {
  BadRequestException,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Req,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AdminCalls, namespacePath, refusal, segments } from './admin-calls';
import { toOpenCluster, toOpenLock, toOpenNamespace } from './open-api-mapping';
import { Needs, OpenApiController } from './open-api-route';
import { booleanParam, bodyOf, queryOf } from './request-parts';

const APP = 'openapi/v1/envs/:env/apps/:appId';

/** Apollo's Open API: clusters, namespaces and their locks in one environment. */
@ApiTags('open api')
@OpenApiController()
@Controller(APP)
export class OpenApiNamespacesController {
  constructor(@Inject(AdminCalls) private readonly calls: AdminCalls) {}

  @Get('clusters/:clusterName')
  @Needs('read')
  @ApiOperation({ summary: 'One cluster' })
  async cluster(
    @Param('env') env: string,
    @Param('appId') appId: string,
    @Param('clusterName') cluster: string,
  ) {
    return toOpenCluster(await this.calls.get(env, segments('apps', appId, 'clusters', cluster)));
  }

  @Post('clusters')
  @Needs('app')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Create a cluster (a grant on the whole app); dataChangeCreatedBy is the operator',
  })
  async createCluster(
    @Param('env') env: string,
    @Param('appId') appId: string,
    @Req() request: FastifyRequest,
  ) {
    const body = bodyOf(request);
    const operator = await this.calls.operator(body['dataChangeCreatedBy'], 'dataChangeCreatedBy');
    const created = await this.calls.call(env, {
      method: 'POST',
      path: segments('apps', appId, 'clusters'),
      body: {
        name: body['name'],
        ...(typeof body['comment'] === 'string' ? { comment: body['comment'] } : {}),
      },
      operator,
    });
    return toOpenCluster(created);
  }

  @Get('clusters/:clusterName/namespaces')
  @Needs('read')
  @ApiOperation({ summary: "The cluster's namespaces, with their items unless ?fillItemDetail=false" })
  async namespaces(
    @Param('env') env: string,
    @Param('appId') appId: string,
    @Param('clusterName') cluster: string,
    @Req() request: FastifyRequest,
  ) {
    const fill = booleanParam(queryOf(request)['fillItemDetail'], 'fillItemDetail', true);
    const list = (await this.calls.get(
      env,
      `${segments('apps', appId, 'clusters', cluster)}/namespaces`,
    )) as unknown[];
    return list.map((namespace) => toOpenNamespace(namespace, fill));
  }

  @Get('clusters/:clusterName/namespaces/:namespaceName')
  @Needs('read')
  @ApiOperation({ summary: 'One namespace, with its items unless ?fillItemDetail=false' })
  async namespace(
    @Param('env') env: string,
    @Param('appId') appId: string,
    @Param('clusterName') cluster: string,
    @Param('namespaceName') namespace: string,
    @Req() request: FastifyRequest,
  ) {
    const fill = booleanParam(queryOf(request)['fillItemDetail'], 'fillItemDetail', true);
    return toOpenNamespace(await this.calls.get(env, namespacePath(appId, cluster, namespace)), fill);
  }

  @Get('clusters/:clusterName/namespaces/:namespaceName/lock')
  @Needs('read')
  @ApiOperation({ summary: 'Who holds the namespace lock' })
  async lock(
    @Param('env') env: string,
    @Param('appId') appId: string,
    @Param('clusterName') cluster: string,
    @Param('namespaceName') namespace: string,
  ) {
    return toOpenLock(await this.calls.get(env, `${namespacePath(appId, cluster, namespace)}/lock`));
  }

  @Delete('clusters/:clusterName')
  @Needs('app')
  @ApiOperation({
    summary:
      'Delete a cluster (not default) with its namespaces (a grant on the whole app); ?operator= required',
  })
  async deleteCluster(
    @Param('env') env: string,
    @Param('appId') appId: string,
    @Param('clusterName') cluster: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    const operator = await this.calls.operator(queryOf(request)['operator'], 'operator');
    await this.calls.call(env, {
      method: 'DELETE',
      path: segments('apps', appId, 'clusters', cluster),
      operator,
    });
  }

  @Get('clusters/:clusterName/namespaces/:namespaceName/associated-public-namespace')
  @Needs('read')
  @ApiOperation({
    summary:
      "The public namespace an associated namespace stands for: the owner app's namespace in the same cluster, else in default",
  })
  async associatedPublicNamespace(
    @Param('env') env: string,
    @Param('appId') appId: string,
    @Param('clusterName') cluster: string,
    @Param('namespaceName') namespace: string,
    @Req() request: FastifyRequest,
  ) {
    booleanParam(queryOf(request)['extendInfo'], 'extendInfo', false);
    const associated = (await this.calls.get(
      env,
      `${segments('apps', appId)}/associated-namespaces`,
    )) as Array<{
      namespaceName: string;
      ownerAppId: string;
    }>;
    const found = associated.find((entry) => entry.namespaceName === namespace);
    if (!found)
      throw new BadRequestException(
        `namespace ${namespace} is not an associated public namespace of ${appId}`,
      );
    const own = await this.calls.answer(env, {
      method: 'GET',
      path: namespacePath(found.ownerAppId, cluster, namespace),
    });
    if (own.status === 200) return toOpenNamespace(own.body);
    if (own.status !== 404) throw refusal(own);
    return toOpenNamespace(await this.calls.get(env, namespacePath(found.ownerAppId, 'default', namespace)));
  }
}
