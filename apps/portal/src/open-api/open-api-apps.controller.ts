import {
  BadRequestException,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Req,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { UsersService } from '../people/users.service';
import { GrantsService } from '../permissions/grants.service';
import { AdminCalls, segments } from './admin-calls';
import { authorizedApps } from './consumer-rules';
import { consumerOf } from './consumer-token.guard';
import { ConsumersService } from './consumers.service';
import { toOpenApp, toOpenAppNamespace } from './open-api-mapping';
import { Needs, OpenApiController } from './open-api-route';
import { bodyOf, queryOf } from './request-parts';

type AppRow = { appId: string };

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
  @ApiOperation({ summary: 'Create an app in every environment (consumers allowed to create apps)' })
  async createApp(@Req() request: FastifyRequest) {
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
    const fields = Object.fromEntries(
      ['appId', 'name', 'orgId', 'orgName', 'ownerEmail']
        .filter((field) => app[field] !== undefined && app[field] !== null)
        .map((field) => [field, String(app[field])]),
    );
    const created = await this.calls.inEveryEnvironment((env) =>
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
    return toOpenApp(created);
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
