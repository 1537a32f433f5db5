import {
  BadRequestException,
  Controller,
  Delete,
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
import { AdminCalls, namespacePath, refusal } from './admin-calls';
import { createItem } from './create-item';
import { adminItemBody, itemPage, toOpenItem } from './open-api-mapping';
import { Needs, OpenApiController } from './open-api-route';
import { booleanParam, bodyOf, decodedKey, intParam, queryOf } from './request-parts';

const NAMESPACE = 'openapi/v1/envs/:env/apps/:appId/clusters/:clusterName/namespaces/:namespaceName';
const MAX_COMMENT = 256;

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
}
