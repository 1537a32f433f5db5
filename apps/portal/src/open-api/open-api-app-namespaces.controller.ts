import { Controller, Delete, Get, Inject, NotFoundException, Param, Req } from '@nestjs/common';
import { isDomainError } from '@houston/domain';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AdminCalls, namespacePath, refusal, segments } from './admin-calls';
import { toOpenAppNamespace } from './open-api-mapping';
import { Needs, OpenApiController } from './open-api-route';
import { booleanParam, queryOf } from './request-parts';

type Cluster = { name: string; parentClusterId?: number };
type Branch = { branchName?: string };

/** Apollo's Open API: one namespace definition, public ones, their removal and where they are used. */
@ApiTags('open api')
@OpenApiController()
@Controller('openapi/v1')
export class OpenApiAppNamespacesController {
  constructor(@Inject(AdminCalls) private readonly calls: AdminCalls) {}

  @Get('appnamespaces')
  @Needs('token')
  @ApiOperation({
    summary: 'Every public namespace definition, of every app (from the first environment that answers)',
  })
  async publicAppNamespaces() {
    for (const env of this.calls.gateway.names()) {
      let apps: Array<{ appId: string }>;
      try {
        apps = (await this.calls.get(env, '/apps')) as Array<{ appId: string }>;
      } catch (error) {
        if (isDomainError(error) && error.code === 'UNAVAILABLE') continue;
        throw error;
      }
      const lists = await Promise.all(
        apps.map(
          async (app) =>
            (await this.calls.get(env, segments('apps', app.appId, 'appnamespaces'))) as Array<{
              isPublic?: boolean;
            }>,
        ),
      );
      return lists
        .flat()
        .filter((definition) => definition.isPublic === true)
        .map(toOpenAppNamespace);
    }
    return [];
  }

  @Get('apps/:appId/appnamespaces/:namespaceName')
  @Needs('read')
  @ApiOperation({ summary: 'One namespace definition of the app' })
  async find(
    @Param('appId') appId: string,
    @Param('namespaceName') namespace: string,
    @Req() request: FastifyRequest,
  ) {
    booleanParam(queryOf(request)['extendInfo'], 'extendInfo', false);
    let missing: unknown;
    for (const env of this.calls.gateway.names()) {
      try {
        return toOpenAppNamespace(
          await this.calls.get(env, segments('apps', appId, 'appnamespaces', namespace)),
        );
      } catch (error) {
        missing = error;
      }
    }
    throw missing ?? new NotFoundException(`app namespace ${namespace} not found`);
  }

  @Delete('apps/:appId/appnamespaces/:namespaceName')
  @Needs('app')
  @ApiOperation({
    summary:
      'Delete a namespace definition and the namespace in every cluster of every environment (a grant on the whole app); ?operator= required',
  })
  async remove(
    @Param('appId') appId: string,
    @Param('namespaceName') namespace: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    const operator = await this.calls.operator(queryOf(request)['operator'], 'operator');
    const deleted = await this.calls.inEveryReachableEnvironment(async (env) => {
      const answer = await this.calls.answer(env, {
        method: 'DELETE',
        path: segments('apps', appId, 'appnamespaces', namespace),
        operator,
      });
      if (answer.status === 404) return false;
      if (answer.status >= 300) throw refusal(answer);
      return true;
    });
    if (deleted === 0) throw new NotFoundException(`app namespace ${namespace} not found`);
  }

  @Get('apps/:appId/namespaces/releases/status')
  @Needs('read')
  @ApiOperation({
    summary:
      "Apollo's publish tips: per environment and cluster, whether a namespace there has unreleased changes (environments that do not answer are left out)",
  })
  async releaseStatus(@Param('appId') appId: string) {
    const status: Record<string, Record<string, boolean>> = {};
    for (const env of this.calls.gateway.names()) {
      try {
        const answer = await this.calls.answer(env, {
          method: 'GET',
          path: segments('apps', appId, 'clusters'),
        });
        if (answer.status !== 200) continue;
        const perCluster: Record<string, boolean> = {};
        for (const cluster of (answer.body as Cluster[]).filter((c) => !c.parentClusterId)) {
          const namespaces = (await this.calls.get(
            env,
            `${segments('apps', appId, 'clusters', cluster.name)}/namespaces`,
          )) as Array<{ namespaceName: string }>;
          let unreleased = false;
          for (const namespace of namespaces) {
            const changes = (await this.calls.get(
              env,
              `${namespacePath(appId, cluster.name, namespace.namespaceName)}/unreleased-changes`,
            )) as { hasChanges?: boolean };
            if (changes.hasChanges) {
              unreleased = true;
              break;
            }
          }
          perCluster[cluster.name] = unreleased;
        }
        status[env] = perCluster;
      } catch (error) {
        if (!isDomainError(error) || error.code !== 'UNAVAILABLE') throw error;
      }
    }
    return status;
  }

  @Get('apps/:appId/appnamespaces/:namespaceName/usage')
  @Needs('read')
  @ApiOperation({ summary: 'Where the namespace is used: client instances per environment and cluster' })
  async appNamespaceUsage(@Param('appId') appId: string, @Param('namespaceName') namespace: string) {
    const usages = [];
    for (const env of this.calls.gateway.names()) {
      let clusters: Cluster[];
      try {
        const answer = await this.calls.answer(env, {
          method: 'GET',
          path: segments('apps', appId, 'clusters'),
        });
        if (answer.status !== 200) continue;
        clusters = answer.body as Cluster[];
      } catch {
        continue;
      }
      const linked = await this.linkedNamespaceCount(env, appId, namespace);
      for (const cluster of clusters.filter((c) => !c.parentClusterId)) {
        const usage = await this.usage(env, appId, cluster.name, namespace, linked);
        // As Apollo: a cluster is listed when clients read it or other apps associate the namespace.
        if (usage && usage.instanceCount + usage.branchInstanceCount + usage.linkedNamespaceCount > 0)
          usages.push(usage);
      }
    }
    return usages;
  }

  @Get('apps/:appId/envs/:env/clusters/:clusterName/namespaces/:namespaceName/usage')
  @Needs('read')
  @ApiOperation({ summary: 'Client instances of the namespace in one cluster (and its gray branch)' })
  async namespaceUsage(
    @Param('appId') appId: string,
    @Param('env') env: string,
    @Param('clusterName') cluster: string,
    @Param('namespaceName') namespace: string,
  ) {
    const usage = await this.usage(
      env,
      appId,
      cluster,
      namespace,
      await this.linkedNamespaceCount(env, appId, namespace),
    );
    if (!usage) throw new NotFoundException(`namespace ${namespace} not found in ${env}/${cluster}`);
    return [usage];
  }

  /**
   * Apollo's `linkedNamespaceCount`: for the app's own public namespace, how many namespaces of
   * other apps in the environment associate it (one per cluster of each such app); 0 otherwise.
   */
  private async linkedNamespaceCount(env: string, appId: string, namespace: string): Promise<number> {
    const definition = await this.calls.answer(env, {
      method: 'GET',
      path: segments('apps', appId, 'appnamespaces', namespace),
    });
    if (definition.status !== 200 || (definition.body as { isPublic?: boolean }).isPublic !== true) return 0;
    return (await this.calls.get(
      env,
      `${segments('appnamespaces', namespace)}/associated-namespaces/count`,
    )) as number;
  }

  private async usage(env: string, appId: string, cluster: string, namespace: string, linked: number) {
    const path = namespacePath(appId, cluster, namespace);
    const answer = await this.calls.answer(env, { method: 'GET', path: `${path}/instances?page=0&size=1` });
    if (answer.status === 404) return undefined;
    if (answer.status !== 200) throw refusal(answer);
    const instanceCount = (answer.body as { total: number }).total;
    let branchInstanceCount = 0;
    const branch = await this.calls.answer(env, { method: 'GET', path: `${path}/branches` });
    const branchName = branch.status === 200 ? (branch.body as Branch).branchName : undefined;
    if (branchName) {
      const page = (await this.calls.get(
        env,
        `${namespacePath(appId, branchName, namespace)}/instances?page=0&size=1`,
      )) as { total: number };
      branchInstanceCount = page.total;
    }
    return {
      namespaceName: namespace,
      appId,
      clusterName: cluster,
      envName: env.toUpperCase(),
      instanceCount,
      branchInstanceCount,
      linkedNamespaceCount: linked,
    };
  }
}
