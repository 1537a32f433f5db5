import {
  BadRequestException,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Put,
  Req,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { UsersService } from '../people/users.service';
import { GrantsService } from '../permissions/grants.service';
import { AdminCalls, refusal, segments } from './admin-calls';
import { authorizedApps, consumerMay } from './consumer-rules';
import { consumerOf } from './consumer-token.guard';
import { ConsumersService } from './consumers.service';
import { toOpenApp, toOpenAppNamespace, toOpenCluster } from './open-api-mapping';
import { Needs, OpenApiController } from './open-api-route';
import { bodyOf, intParam, queryOf } from './request-parts';

type AppRow = { appId: string; orgId?: string; orgName?: string };

/** The fields of Apollo's OpenAppDTO the admin-service keeps (null is "not given", as Spring reads it). */
function appFields(app: Record<string, unknown>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    names
      .filter((field) => app[field] !== undefined && app[field] !== null)
      .map((field) => [field, String(app[field])]),
  );
}

const APP_FIELDS = ['appId', 'name', 'orgId', 'orgName', 'ownerEmail'] as const;

/** Apollo's Open API: environments, apps and app namespaces (`/openapi/v1/apps…`, `/openapi/v1/envs`). */
@ApiTags('open api')
@OpenApiController()
@Controller('openapi/v1')
export class OpenApiAppsController {
  constructor(
    @Inject(AdminCalls) private readonly calls: AdminCalls,
    @Inject(ConsumersService) private readonly consumers: ConsumersService,
    @Inject(GrantsService) private readonly grants: GrantsService,
    @Inject(UsersService) private readonly users: UsersService,
  ) {}

  @Get('envs')
  @Needs('token')
  @ApiOperation({ summary: 'The environments the portal manages' })
  envs(): string[] {
    return this.calls.gateway.names();
  }

  @Get('apps')
  @Needs('token')
  @ApiOperation({ summary: 'Apps (every one, or those in ?appIds=a,b), from every reachable environment' })
  async apps(@Req() request: FastifyRequest) {
    const wanted = queryOf(request)['appIds'];
    const ids = wanted === undefined ? undefined : new Set(wanted.split(',').map((id) => id.trim()));
    return (await this.allApps()).filter((app) => !ids || ids.has(app.appId)).map(toOpenApp);
  }

  @Get('apps/authorized')
  @Needs('token')
  @ApiOperation({ summary: 'The apps this consumer holds a grant on' })
  async authorized(@Req() request: FastifyRequest) {
    const ids = new Set(authorizedApps(consumerOf(request).grants));
    return (await this.allApps()).filter((app) => ids.has(app.appId)).map(toOpenApp);
  }

  @Get('apps/:appId')
  @Needs('read')
  @ApiOperation({ summary: 'One app' })
  async app(@Param('appId') appId: string) {
    const found = (await this.allApps()).find((app) => app.appId === appId);
    if (!found) throw new BadRequestException(`app ${appId} not found`);
    return toOpenApp(found);
  }

  @Get('apps/:appId/envclusters')
  @Needs('read')
  @ApiOperation({
    summary: "The app's clusters in each environment (environments without the app are left out)",
  })
  async envClusters(@Param('appId') appId: string) {
    const answers = await Promise.all(
      this.calls.gateway.names().map(async (env) => {
        try {
          const clusters = (await this.calls.get(env, segments('apps', appId, 'clusters'))) as Array<{
            name: string;
            parentClusterId?: number;
          }>;
          // Branches are clusters too, but Apollo lists only the main ones here.
          return { env, clusters: clusters.filter((c) => !c.parentClusterId).map((c) => c.name) };
        } catch {
          return undefined;
        }
      }),
    );
    return answers.filter((answer) => answer !== undefined);
  }

  @Post('apps')
  @Needs('token')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Create an app in every environment (consumers allowed to create apps); answers nothing, as Apollo',
  })
  async createApp(@Req() request: FastifyRequest): Promise<void> {
    const holder = consumerOf(request);
    if (!holder.consumer.allowCreateApplication) {
      throw new ForbiddenException('the consumer may not create applications');
    }
    const body = bodyOf(request);
    const app = (body['app'] ?? {}) as Record<string, unknown>;
    const owner = await this.calls.operator(app['ownerName'], 'app.ownerName');
    const operator =
      app['dataChangeCreatedBy'] === undefined || app['dataChangeCreatedBy'] === null
        ? owner
        : await this.calls.operator(app['dataChangeCreatedBy'], 'app.dataChangeCreatedBy');
    const admins = Array.isArray(body['admins']) ? body['admins'].map(String) : [];
    const masters = [];
    for (const name of [owner, ...admins]) {
      const user = await this.users.findByName(name);
      if (!user) throw new BadRequestException(`User ${name} doesn't exist!`);
      masters.push(user);
    }
    const fields = appFields(app, APP_FIELDS);
    await this.calls.inEveryEnvironment((env) =>
      this.calls.call(env, {
        method: 'POST',
        path: '/apps',
        body: { ...fields, ownerName: owner },
        operator,
      }),
    );
    const appId = String(app['appId']);
    const none = { env: '', clusterName: '', namespaceName: '' };
    for (const user of masters) await this.grants.add(user, { role: 'Master', appId, ...none }, operator);
    if (body['assignAppRoleToSelf'] === true) {
      await this.consumers.grant(holder.consumer.id, { appId, namespaceName: '', env: '' }, operator);
    }
  }

  @Get('apps/:appId/appnamespaces')
  @Needs('read')
  @ApiOperation({ summary: "The app's namespace definitions" })
  async appNamespaces(@Param('appId') appId: string) {
    for (const env of this.calls.gateway.names()) {
      try {
        const list = (await this.calls.get(env, segments('apps', appId, 'appnamespaces'))) as unknown[];
        return list.map(toOpenAppNamespace);
      } catch {
        // The next environment may have it.
      }
    }
    throw new BadRequestException(`app ${appId} not found`);
  }

  @Post('apps/:appId/appnamespaces')
  @Needs('app')
  @HttpCode(200)
  @ApiOperation({ summary: 'Create a namespace of the app in every environment (a grant on the whole app)' })
  async createAppNamespace(@Param('appId') appId: string, @Req() request: FastifyRequest) {
    const body = bodyOf(request);
    const operator = await this.calls.operator(
      queryOf(request)['operator'] ?? body['dataChangeCreatedBy'],
      'dataChangeCreatedBy',
    );
    const fields = Object.fromEntries(
      ['name', 'format', 'isPublic', 'appendNamespacePrefix', 'comment']
        .filter((field) => body[field] !== undefined && body[field] !== null)
        .map((field) => [field, body[field]]),
    );
    const created = await this.calls.inEveryEnvironment((env) =>
      this.calls.call(env, {
        method: 'POST',
        path: segments('apps', appId, 'appnamespaces'),
        body: fields,
        operator,
      }),
    );
    return toOpenAppNamespace(created);
  }

  @Get('apps/by-self')
  @Needs('token')
  @ApiOperation({ summary: 'The apps this consumer holds a grant on, paged (?page=0&size=20)' })
  async bySelf(@Req() request: FastifyRequest) {
    const query = queryOf(request);
    const page = intParam(query['page'], 'page', 0, 1_000_000);
    const size = intParam(query['size'], 'size', 20, 500, 1);
    const ids = new Set(authorizedApps(consumerOf(request).grants));
    const apps = (await this.allApps()).filter((app) => ids.has(app.appId));
    return apps.slice(page * size, page * size + size).map(toOpenApp);
  }

  @Put('apps/:appId')
  @Needs('app')
  @ApiOperation({
    summary:
      'Update the app in every environment that has it (a grant on the whole app); ?operator= required',
  })
  async updateApp(@Param('appId') appId: string, @Req() request: FastifyRequest): Promise<void> {
    const body = bodyOf(request);
    if (body['appId'] !== appId) {
      throw new BadRequestException('The App Id of path variable and request body is different');
    }
    const operator = await this.calls.operator(queryOf(request)['operator'], 'operator');
    const fields = appFields(body, ['name', 'orgId', 'orgName', 'ownerName', 'ownerEmail']);
    if (fields['ownerName'] !== undefined) {
      fields['ownerName'] = await this.calls.operator(fields['ownerName'], 'ownerName');
    }
    const updated = await this.calls.inEveryReachableEnvironment(async (env) => {
      const answer = await this.calls.answer(env, {
        method: 'PUT',
        path: segments('apps', appId),
        body: fields,
        operator,
      });
      if (answer.status === 404) return false;
      if (answer.status >= 300) throw refusal(answer);
      return true;
    });
    if (updated === 0) throw new NotFoundException(`App not found: ${appId}`);
  }

  @Delete('apps/:appId')
  @Needs('app')
  @ApiOperation({
    summary:
      'Delete the app in every environment with its roles and consumer grants (a grant on the whole app in every environment); ?operator= required',
  })
  async deleteApp(@Param('appId') appId: string, @Req() request: FastifyRequest): Promise<void> {
    // Apollo keeps this to super administrators, which a consumer never is; Houston lets a consumer
    // holding the whole app everywhere delete it, and nobody less.
    const grants = consumerOf(request).grants;
    if (!grants.some((grant) => grant.appId === appId && grant.namespaceName === '' && grant.env === '')) {
      throw new ForbiddenException(`deleting ${appId} needs a grant on the whole app in every environment`);
    }
    const operator = await this.calls.operator(queryOf(request)['operator'], 'operator');
    // Environments that do not answer are skipped, as when the app was created; a refusal stops.
    const deleted = await this.calls.inEveryReachableEnvironment(async (env) => {
      const answer = await this.calls.answer(env, {
        method: 'DELETE',
        path: segments('apps', appId),
        operator,
      });
      if (answer.status === 404) return false;
      if (answer.status >= 300) throw refusal(answer);
      return true;
    });
    if (deleted === 0) throw new NotFoundException(`App not found: ${appId}`);
    await this.grants.removeApp(appId);
    await this.consumers.removeGrantsOfApp(appId);
  }

  @Get('apps/:appId/env-cluster-info')
  @Needs('read')
  @ApiOperation({
    summary:
      "The app's clusters in each environment, with a code per environment (200, 404 without the app, 503 unreachable)",
  })
  async envClusterInfo(@Param('appId') appId: string) {
    return Promise.all(
      this.calls.gateway.names().map(async (env) => {
        try {
          const answer = await this.calls.answer(env, {
            method: 'GET',
            path: segments('apps', appId, 'clusters'),
          });
          if (answer.status !== 200) {
            return { code: answer.status, message: refusal(answer).message, env, clusters: [] };
          }
          const clusters = (answer.body as Array<{ parentClusterId?: number }>).filter(
            (cluster) => !cluster.parentClusterId,
          );
          return { code: 200, env, clusters: clusters.map(toOpenCluster) };
        } catch (error) {
          return {
            code: 503,
            message: error instanceof Error ? error.message : String(error),
            env,
            clusters: [],
          };
        }
      }),
    );
  }

  @Get('apps/:appId/miss-envs')
  @Needs('read')
  @ApiOperation({
    summary:
      'Environments without the app: {code: 200, message: env} each, or {code: 500, message} for one that did not answer',
  })
  async missEnvs(@Param('appId') appId: string) {
    const missing: Array<{ code: number; message: string }> = [];
    let found = false;
    for (const env of this.calls.gateway.names()) {
      try {
        const answer = await this.calls.answer(env, { method: 'GET', path: segments('apps', appId) });
        if (answer.status === 404) missing.push({ code: 200, message: env });
        else if (answer.status === 200) found = true;
        else
          missing.push({
            code: 500,
            message: `load appId:${appId} from env ${env} error. ${refusal(answer).message}`,
          });
      } catch (error) {
        missing.push({
          code: 500,
          message: `load appId:${appId} from env ${env} error. ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
    if (!found && missing.every((entry) => entry.code === 200)) {
      throw new NotFoundException(`App not found: ${appId}`);
    }
    return missing;
  }

  @Post('apps/envs/:env')
  @Needs('token')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Create the app in one environment that lacks it (consumers allowed to create apps, or holding the whole app there); ?operator= required',
  })
  async createAppInEnv(@Param('env') env: string, @Req() request: FastifyRequest): Promise<void> {
    const holder = consumerOf(request);
    const app = bodyOf(request);
    if (typeof app['appId'] !== 'string' || app['appId'].trim() === '') {
      throw new BadRequestException('AppId is null or blank');
    }
    const appId = app['appId'];
    const action = { kind: 'app', appId, env } as const;
    if (!holder.consumer.allowCreateApplication && !consumerMay(holder.grants, action)) {
      throw new ForbiddenException('Create application permission is required');
    }
    const operator = await this.calls.operator(queryOf(request)['operator'], 'operator');
    const owner = await this.calls.operator(app['ownerName'] ?? operator, 'ownerName');
    await this.calls.call(env, {
      method: 'POST',
      path: '/apps',
      body: { ...appFields(app, APP_FIELDS), ownerName: owner },
      operator,
    });
  }

  @Get('organizations')
  @Needs('token')
  @ApiOperation({ summary: 'The organizations the apps name (orgId and orgName), each once' })
  async organizations() {
    const byId = new Map<string, string>();
    for (const app of await this.allApps()) {
      if (app.orgId && !byId.has(app.orgId)) byId.set(app.orgId, app.orgName ?? '');
    }
    return [...byId.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([orgId, orgName]) => ({ orgId, orgName }));
  }

  /** Apps of every reachable environment, each once (the first environment's copy). */
  private async allApps(): Promise<AppRow[]> {
    const lists = await Promise.all(
      this.calls.gateway.names().map(async (env) => {
        try {
          return (await this.calls.get(env, '/apps')) as AppRow[];
        } catch {
          return [];
        }
      }),
    );
    const byId = new Map<string, AppRow>();
    for (const app of lists.flat()) if (!byId.has(app.appId)) byId.set(app.appId, app);
    return [...byId.values()];
  }
}
