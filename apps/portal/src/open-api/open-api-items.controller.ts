import {
  BadRequestException,
  Controller,
  Delete,
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
import { DomainError, isNamespaceFormat, validateDocument } from '@houston/domain';
import { planSync } from '../compare/sync-text';
import { AdminCalls, namespacePath, refusal } from './admin-calls';
import { consumerMay } from './consumer-rules';
import { consumerOf, forbidden } from './consumer-token.guard';
import { createItem } from './create-item';
import { adminItemBody, itemPage, toOpenItem } from './open-api-mapping';
import { Needs, OpenApiController } from './open-api-route';
import { booleanParam, bodyOf, decodedKey, intParam, queryOf } from './request-parts';

const NAMESPACE = 'openapi/v1/envs/:env/apps/:appId/clusters/:clusterName/namespaces/:namespaceName';
const MAX_COMMENT = 256;
/** Bounds on a diff or sync request: targets and items. */
const MAX_SYNC_TARGETS = 20;
const MAX_SYNC_ITEMS = 1000;

interface Target {
  appId: string;
  env: string;
  clusterName: string;
  namespaceName: string;
}

type SyncItem = { key: string; value: string; comment?: string };

/** Apollo's OpenNamespaceSyncDTO, read as its portal reads it (400 "request model is invalid"). */
function syncModel(body: Record<string, unknown>): { targets: Target[]; items: SyncItem[] } {
  const targets = body['syncToNamespaces'];
  const items = body['syncItems'];
  const invalid = () => new BadRequestException('request model is invalid');
  if (!Array.isArray(targets) || targets.length === 0 || !Array.isArray(items)) throw invalid();
  if (targets.length > MAX_SYNC_TARGETS)
    throw new BadRequestException(`at most ${MAX_SYNC_TARGETS} namespaces`);
  if (items.length > MAX_SYNC_ITEMS) throw new BadRequestException(`at most ${MAX_SYNC_ITEMS} items`);
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const parsed = targets.map((target: unknown) => {
    const given = (target ?? {}) as Record<string, unknown>;
    const out = {
      appId: text(given['appId']),
      env: text(given['env']),
      clusterName: text(given['clusterName']),
      namespaceName: text(given['namespaceName']),
    };
    if (out.env === '' || out.clusterName === '' || out.namespaceName === '') throw invalid();
    return out;
  });
  return {
    targets: parsed,
    items: items
      .filter((item: unknown) => item && typeof item === 'object')
      .map((item: unknown) => {
        const given = item as Record<string, unknown>;
        if (typeof given['key'] !== 'string' || given['key'] === '') throw invalid();
        return {
          key: given['key'],
          value: text(given['value']),
          ...(typeof given['comment'] === 'string' ? { comment: given['comment'] } : {}),
        };
      }),
  };
}

interface At {
  env: string;
  appId: string;
  clusterName: string;
  namespaceName: string;
}

function atOf(request: FastifyRequest): At {
  const { env, appId, clusterName, namespaceName } = request.params as At;
  return { env, appId, clusterName, namespaceName };
}

function itemsPath(at: At, key?: string): string {
  const items = `${namespacePath(at.appId, at.clusterName, at.namespaceName)}/items`;
  return key === undefined ? items : `${items}/${encodeURIComponent(key)}`;
}

function checkComment(comment: unknown): void {
  if (typeof comment === 'string' && comment.length > MAX_COMMENT) {
    throw new BadRequestException(`Comment length should not exceed ${MAX_COMMENT} characters`);
  }
}

/** Apollo's Open API: a namespace's items (create, update with createIfNotExists, text batch, delete). */
@ApiTags('open api')
@OpenApiController()
@Controller(NAMESPACE)
export class OpenApiItemsController {
  constructor(@Inject(AdminCalls) private readonly calls: AdminCalls) {}

  @Get('items')
  @Needs('read')
  @ApiOperation({ summary: 'Items, paged (?page=0&size=50)' })
  async list(@Req() request: FastifyRequest) {
    const at = atOf(request);
    const query = queryOf(request);
    const namespace = (await this.calls.get(
      at.env,
      namespacePath(at.appId, at.clusterName, at.namespaceName),
    )) as { items?: unknown[] };
    return itemPage(
      namespace.items ?? [],
      intParam(query['page'], 'page', 0, 1_000_000),
      intParam(query['size'], 'size', 50, 1000, 1),
    );
  }

  @Post('items')
  @Needs('modify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Create an item; dataChangeCreatedBy is the operator' })
  async create(@Req() request: FastifyRequest) {
    const body = bodyOf(request);
    if (typeof body['key'] !== 'string' || body['key'] === '' || !body['dataChangeCreatedBy']) {
      throw new BadRequestException('key and dataChangeCreatedBy should not be null or empty');
    }
    const operator = await this.calls.operator(body['dataChangeCreatedBy'], 'dataChangeCreatedBy');
    checkComment(body['comment']);
    return toOpenItem(await createItem(this.calls, atOf(request), body, operator));
  }

  @Put('items')
  @Needs('modify')
  @ApiOperation({
    summary: "Replace the namespace's items with a text (configText); operator in the query or body",
  })
  async replaceByText(@Req() request: FastifyRequest): Promise<void> {
    const at = atOf(request);
    const body = bodyOf(request);
    const operator = await this.calls.operator(queryOf(request)['operator'] ?? body['operator'], 'operator');
    if (typeof body['configText'] !== 'string')
      throw new BadRequestException('configText should not be null');
    await this.calls.call(at.env, {
      method: 'PUT',
      path: itemsPath(at),
      body: { configText: body['configText'] },
      operator,
    });
  }

  @Get('items/:key')
  @Needs('read')
  @ApiOperation({ summary: 'One item' })
  get(@Req() request: FastifyRequest, @Param('key') key: string) {
    return this.getItem(request, key);
  }

  @Get('encodedItems/:key')
  @Needs('read')
  @ApiOperation({ summary: 'One item, its key in URL-safe Base64 (for keys a path cannot carry)' })
  getEncoded(@Req() request: FastifyRequest, @Param('key') key: string) {
    return this.getItem(request, decodedKey(key));
  }

  private async getItem(request: FastifyRequest, key: string) {
    const at = atOf(request);
    return toOpenItem(await this.calls.get(at.env, itemsPath(at, key)));
  }

  @Put('items/:key')
  @Needs('modify')
  @ApiOperation({
    summary: 'Update an item (?createIfNotExists=true creates it); dataChangeLastModifiedBy is the operator',
  })
  update(@Req() request: FastifyRequest, @Param('key') key: string): Promise<void> {
    return this.updateItem(request, key);
  }

  @Put('encodedItems/:key')
  @Needs('modify')
  @ApiOperation({ summary: 'Update an item, its key in URL-safe Base64' })
  updateEncoded(@Req() request: FastifyRequest, @Param('key') key: string): Promise<void> {
    return this.updateItem(request, decodedKey(key));
  }

  private async updateItem(request: FastifyRequest, key: string): Promise<void> {
    const at = atOf(request);
    const body = bodyOf(request);
    if (typeof body['key'] !== 'string' || body['key'] === '' || !body['dataChangeLastModifiedBy']) {
      throw new BadRequestException('key and dataChangeLastModifiedBy can not be empty');
    }
    if (body['key'] !== key) throw new BadRequestException('Key in path and payload is not consistent');
    const operator = await this.calls.operator(body['dataChangeLastModifiedBy'], 'dataChangeLastModifiedBy');
    checkComment(body['comment']);
    const createIfNotExists = booleanParam(queryOf(request)['createIfNotExists'], 'createIfNotExists', false);
    await this.calls.call(at.env, {
      method: 'PUT',
      path: `${itemsPath(at, key)}${createIfNotExists ? '?createIfNotExists=true' : ''}`,
      body: adminItemBody(body, true),
      operator,
    });
  }

  @Delete('items/:key')
  @Needs('modify')
  @ApiOperation({ summary: 'Delete an item; ?operator= is required' })
  remove(@Req() request: FastifyRequest, @Param('key') key: string): Promise<void> {
    return this.removeItem(request, key);
  }

  @Delete('encodedItems/:key')
  @Needs('modify')
  @ApiOperation({ summary: 'Delete an item, its key in URL-safe Base64; ?operator= is required' })
  removeEncoded(@Req() request: FastifyRequest, @Param('key') key: string): Promise<void> {
    return this.removeItem(request, decodedKey(key));
  }

  private async removeItem(request: FastifyRequest, key: string): Promise<void> {
    const at = atOf(request);
    const operator = await this.calls.operator(queryOf(request)['operator'], 'operator');
    const answer = await this.calls.answer(at.env, { method: 'DELETE', path: itemsPath(at, key), operator });
    // Apollo answers a missing item with 400 "item not exists".
    if (answer.status === 404) throw new BadRequestException('item not exists');
    if (answer.status >= 300) throw refusal(answer);
  }

  @Get('branches/:branchName/items')
  @Needs('read')
  @ApiOperation({ summary: "The gray branch's items" })
  async branchItems(@Req() request: FastifyRequest, @Param('branchName') branch: string) {
    const at = atOf(request);
    const namespace = (await this.calls.get(at.env, namespacePath(at.appId, branch, at.namespaceName))) as {
      items?: unknown[];
    };
    return (namespace.items ?? []).map(toOpenItem);
  }

  @Post('items/diff')
  @Needs('read')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'What syncing these items to each namespace named would create or update there (nothing is written)',
  })
  async diff(@Req() request: FastifyRequest) {
    const model = syncModel(bodyOf(request));
    const grants = consumerOf(request).grants;
    for (const target of model.targets) {
      const action = { kind: 'read', appId: target.appId, env: target.env } as const;
      if (!consumerMay(grants, action)) throw new ForbiddenException(forbidden(action));
    }
    return Promise.all(
      model.targets.map(async (target) => {
        const namespace = {
          appId: target.appId,
          env: target.env.toUpperCase(),
          clusterName: target.clusterName,
          namespaceName: target.namespaceName,
        };
        const planned = await this.plan(target, model.items);
        if (planned.kind === 'missing') {
          return {
            code: 200,
            message: `there is no namespace ${target.namespaceName} in that cluster`,
            namespace,
            createItems: [],
            updateItems: [],
            deleteItems: [],
          };
        }
        const byKey = new Map(model.items.map((item) => [item.key, item]));
        return {
          code: 200,
          namespace,
          createItems: planned.plan.created.map((key) => toOpenItem(byKey.get(key))),
          updateItems: planned.plan.updated.map((key) =>
            toOpenItem({
              ...planned.current.get(key),
              value: byKey.get(key)!.value,
              ...(key in planned.plan.comments ? { comment: planned.plan.comments[key] } : {}),
            }),
          ),
          deleteItems: [],
        };
      }),
    );
  }

  @Post('items/synchronize')
  @Needs('modify')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Create or update these items in each namespace named (the same app and namespace, other clusters or environments; modify on each); ?operator= required',
  })
  async synchronize(@Req() request: FastifyRequest): Promise<void> {
    const at = atOf(request);
    const model = syncModel(bodyOf(request));
    if (model.targets.some((t) => t.appId !== at.appId || t.namespaceName !== at.namespaceName)) {
      throw new BadRequestException('request model is invalid');
    }
    const grants = consumerOf(request).grants;
    for (const target of model.targets) {
      const action = {
        kind: 'modify',
        appId: target.appId,
        namespaceName: target.namespaceName,
        env: target.env.toUpperCase(),
      } as const;
      if (!consumerMay(grants, action)) {
        throw new ForbiddenException(
          `You don't have the permission to modify namespace: ${target.env}/${target.clusterName}/${target.namespaceName}`,
        );
      }
    }
    const operator = await this.calls.operator(queryOf(request)['operator'], 'operator');
    // Each namespace is planned first (a missing one fails the request before anything is written),
    // then changed by one text edit naming the revision it was planned on.
    const plans = [];
    for (const target of model.targets) {
      const planned = await this.plan(target, model.items);
      if (planned.kind === 'missing') {
        throw new BadRequestException(
          `there is no namespace ${target.namespaceName} in ${target.env}/${target.clusterName}`,
        );
      }
      plans.push({ target, planned });
    }
    for (const { target, planned } of plans) {
      if (planned.plan.created.length + planned.plan.updated.length === 0) continue;
      await this.calls.call(target.env, {
        method: 'PUT',
        path: itemsPath(target),
        body: {
          configText: planned.plan.configText,
          revision: planned.revision,
          comments: planned.plan.comments,
        },
        operator,
      });
    }
  }

  private async plan(target: Target, items: SyncItem[]) {
    const answer = await this.calls.answer(target.env, {
      method: 'GET',
      path: namespacePath(target.appId, target.clusterName, target.namespaceName),
    });
    if (answer.status === 404) return { kind: 'missing' as const };
    if (answer.status !== 200) throw refusal(answer);
    const namespace = answer.body as {
      format: string;
      configText: string;
      revision: number;
      items: Array<{ key: string; value: string }>;
    };
    if (!isNamespaceFormat(namespace.format))
      throw new BadRequestException(`unknown format ${namespace.format}`);
    const plan = planSync(
      namespace.format,
      new Map(items.map((item) => [item.key, { value: item.value, comment: item.comment }])),
      namespace.configText,
      items.map((item) => item.key),
    );
    return {
      kind: 'planned' as const,
      plan,
      revision: namespace.revision,
      current: new Map(namespace.items.map((item) => [item.key, item])),
    };
  }

  @Post('items/validation')
  @Needs('modify')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Check a text's syntax in the namespace's format (or the body's format): 200, or 400 naming the problem",
  })
  async validate(@Req() request: FastifyRequest): Promise<void> {
    const at = atOf(request);
    const body = bodyOf(request);
    if (Object.keys(body).length === 0)
      throw new BadRequestException('namespace text payload can not be empty');
    let format = typeof body['format'] === 'string' ? body['format'].toLowerCase() : undefined;
    if (format === undefined) {
      format = (
        (await this.calls.get(at.env, namespacePath(at.appId, at.clusterName, at.namespaceName))) as {
          format: string;
        }
      ).format;
    }
    if (!isNamespaceFormat(format)) throw new BadRequestException(`unknown format ${format}`);
    const text = typeof body['configText'] === 'string' ? body['configText'] : '';
    try {
      validateDocument(format, text);
    } catch (error) {
      if (error instanceof DomainError) throw new BadRequestException(error.message);
      throw error;
    }
  }

  @Post('items/revocation')
  @Needs('modify')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Throw away the unreleased edits (items go back to the active release); ?operator= required',
  })
  async revoke(@Req() request: FastifyRequest): Promise<void> {
    const at = atOf(request);
    const operator = await this.calls.operator(queryOf(request)['operator'], 'operator');
    await this.calls.call(at.env, {
      method: 'PUT',
      path: `${namespacePath(at.appId, at.clusterName, at.namespaceName)}/revoke-items`,
      operator,
    });
  }
}
