import {
  BadRequestException,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  HttpException,
  Inject,
  Param,
  Post,
  Req,
} from '@nestjs/common';
import { isDomainError } from '@houston/domain';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AdminCalls, namespacePath, segments } from './admin-calls';
import { consumerOf, forbidden } from './consumer-token.guard';
import { consumerMay, type ConsumerAction } from './consumer-rules';
import { toOpenNamespace } from './open-api-mapping';
import { Needs, OpenApiController } from './open-api-route';
import { intParam, queryOf } from './request-parts';

const CLUSTER = 'apps/:appId/envs/:env/clusters/:clusterName';

interface CreateNamespace {
  appId: string;
  env: string;
  clusterName: string;
  appNamespaceName: string;
}

/** Apollo's `OpenCreateNamespaceDTO[]`: every entry complete, before anything is made. */
function createRequests(body: unknown): CreateNamespace[] {
  if (!Array.isArray(body) || body.length === 0) {
    throw new BadRequestException('the body must be a non-empty array of namespaces to create');
  }
  return body.map((entry: unknown, index) => {
    const fields = (entry && typeof entry === 'object' ? entry : {}) as Record<string, unknown>;
    for (const field of ['appId', 'env', 'clusterName', 'appNamespaceName']) {
      const value = fields[field];
      if (typeof value !== 'string' || value.trim() === '') {
        throw new BadRequestException(`[${index}].${field} should not be null or empty`);
      }
    }
    return {
      appId: fields['appId'] as string,
      env: (fields['env'] as string).toUpperCase(),
      clusterName: fields['clusterName'] as string,
      appNamespaceName: fields['appNamespaceName'] as string,
    };
  });
}

/**
 * Apollo's Open API for namespaces one cluster at a time: made from a definition, deleted from
 * one cluster, found missing and made again; and a public namespace wherever it is used.
 */
@ApiTags('open api')
@OpenApiController()
@Controller('openapi/v1')
export class OpenApiClusterNamespacesController {
  constructor(@Inject(AdminCalls) private readonly calls: AdminCalls) {}

  @Post('namespaces')
  @Needs('token')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Make namespaces from definitions in given clusters ([{appId, env, clusterName, appNamespaceName}], a grant on each whole app); ?operator= required',
  })
  async createNamespaces(@Req() request: FastifyRequest): Promise<void> {
    const entries = createRequests(request.body);
    const known = new Set(this.calls.gateway.names());
    const holder = consumerOf(request);
    for (const entry of entries) {
      if (!known.has(entry.env))
        throw new BadRequestException(`env ${entry.env} is not one the portal manages`);
      const action: ConsumerAction = { kind: 'app', appId: entry.appId, env: entry.env };
      if (!consumerMay(holder.grants, action)) throw new ForbiddenException(forbidden(action));
    }
    const operator = await this.calls.operator(queryOf(request)['operator'], 'operator');
    // As Apollo: each entry on its own, the failures named together at the end.
    const failed: string[] = [];
    for (const entry of entries) {
      try {
        await this.calls.call(entry.env, {
          method: 'POST',
          path: `${segments('apps', entry.appId, 'clusters', entry.clusterName)}/namespaces`,
          body: { namespaceName: entry.appNamespaceName },
          operator,
        });
      } catch (error) {
        if (!(error instanceof HttpException) && !isDomainError(error)) throw error;
        failed.push(`${entry.env}/${entry.clusterName}/${entry.appNamespaceName} (${error.message})`);
      }
    }
    if (failed.length > 0) throw new BadRequestException(`create namespace failed for: ${failed.join(', ')}`);
  }

  @Delete(`${CLUSTER}/namespaces/:namespaceName`)
  @Needs('app')
  @ApiOperation({
    summary:
      'Delete a namespace from this cluster only, with its items, releases and gray branch (a grant on the whole app); ?operator= required',
  })
  async deleteNamespace(
    @Param('appId') appId: string,
    @Param('env') env: string,
    @Param('clusterName') cluster: string,
    @Param('namespaceName') namespace: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    const operator = await this.calls.operator(queryOf(request)['operator'], 'operator');
    await this.calls.call(env, {
      method: 'DELETE',
      path: namespacePath(appId, cluster, namespace),
      operator,
    });
  }

  @Get(`${CLUSTER}/missing-namespaces`)
  @Needs('read')
  @ApiOperation({ summary: "The app's private namespaces this cluster lacks, by name" })
  async findMissingNamespaces(
    @Param('appId') appId: string,
    @Param('env') env: string,
    @Param('clusterName') cluster: string,
  ) {
    return this.calls.get(env, `${segments('apps', appId, 'clusters', cluster)}/missing-namespaces`);
  }

  @Post(`${CLUSTER}/missing-namespaces`)
  @Needs('app')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Make every missing private namespace in this cluster (a grant on the whole app); ?operator= required',
  })
  async createMissingNamespaces(
    @Param('appId') appId: string,
    @Param('env') env: string,
    @Param('clusterName') cluster: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    const operator = await this.calls.operator(queryOf(request)['operator'], 'operator');
    await this.calls.call(env, {
      method: 'POST',
      path: `${segments('apps', appId, 'clusters', cluster)}/missing-namespaces`,
      operator,
    });
  }

  @Get('envs/:env/appnamespaces/:publicNamespaceName/instances')
  @Needs('token')
  @ApiOperation({
    summary:
      'A public namespace in every cluster of its owner and of the apps associating it (?page=&size=); only apps the consumer may read',
  })
  async publicAppNamespaceInstances(
    @Param('env') env: string,
    @Param('publicNamespaceName') name: string,
    @Req() request: FastifyRequest,
  ) {
    const query = queryOf(request);
    const page = intParam(query['page'], 'page', 0, 1_000_000);
    const size = intParam(query['size'], 'size', 10, 500, 1);
    const found = (await this.calls.get(
      env,
      `${segments('appnamespaces', name)}/namespaces?page=${page}&size=${size}`,
    )) as Array<{ appId: string }>;
    const grants = consumerOf(request).grants;
    // As Apollo: the page is read, then what the caller may not read is left out of it.
    return found
      .filter((namespace) => consumerMay(grants, { kind: 'read', appId: namespace.appId, env }))
      .map((namespace) => toOpenNamespace(namespace, false));
  }
}
