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
import { AdminCalls, refusal, segments } from './admin-calls';
import { toOpenAccessKey } from './open-api-mapping';
import { Needs, OpenApiController } from './open-api-route';
import { intParam, queryOf } from './request-parts';

function keyId(raw: string): string {
  if (!/^\d{1,18}$/.test(raw)) throw new BadRequestException('accessKeyId must be a number');
  return raw;
}

/**
 * Apollo's Open API: an app's access keys in one environment. Managing them is the app admin's
 * (Apollo's `isAppAdmin`): a grant on the whole app in that environment. The secret is in the
 * answer to the creation only; listings mask it.
 */
@ApiTags('open api')
@OpenApiController()
@Controller('openapi/v1/apps/:appId/envs/:env/accesskeys')
export class OpenApiAccessKeysController {
  constructor(@Inject(AdminCalls) private readonly calls: AdminCalls) {}

  @Get()
  @Needs('app')
  @ApiOperation({ summary: "The app's access keys in the environment, secrets masked" })
  async list(@Param('appId') appId: string, @Param('env') env: string) {
    const keys = (await this.calls.get(env, segments('apps', appId, 'accesskeys'))) as unknown[];
    return keys.map(toOpenAccessKey);
  }

  @Post()
  @Needs('app')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Create a (disabled) access key; the answer is the only time its secret is shown',
  })
  async create(@Param('appId') appId: string, @Param('env') env: string, @Req() request: FastifyRequest) {
    const operator = await this.calls.operator(queryOf(request)['operator'], 'operator');
    return toOpenAccessKey(
      await this.calls.call(env, {
        method: 'POST',
        path: segments('apps', appId, 'accesskeys'),
        operator,
      }),
    );
  }

  @Put(':accessKeyId/activation')
  @Needs('app')
  @ApiOperation({ summary: 'Enable the key (?mode=0 filters unsigned clients, 1 only observes them)' })
  async enable(
    @Param('appId') appId: string,
    @Param('env') env: string,
    @Param('accessKeyId') id: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    const query = queryOf(request);
    const operator = await this.calls.operator(query['operator'], 'operator');
    const mode = intParam(query['mode'], 'mode', 0, 1);
    await this.calls.call(env, {
      method: 'PUT',
      path: `${segments('apps', appId, 'accesskeys', keyId(id), 'enable')}?mode=${mode}`,
      operator,
    });
  }

  @Put(':accessKeyId/deactivation')
  @Needs('app')
  @ApiOperation({ summary: 'Disable the key' })
  async disable(
    @Param('appId') appId: string,
    @Param('env') env: string,
    @Param('accessKeyId') id: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    const operator = await this.calls.operator(queryOf(request)['operator'], 'operator');
    await this.calls.call(env, {
      method: 'PUT',
      path: segments('apps', appId, 'accesskeys', keyId(id), 'disable'),
      operator,
    });
  }

  @Delete(':accessKeyId')
  @Needs('app')
  @ApiOperation({ summary: 'Delete a disabled key' })
  async remove(
    @Param('appId') appId: string,
    @Param('env') env: string,
    @Param('accessKeyId') id: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    const operator = await this.calls.operator(queryOf(request)['operator'], 'operator');
    const answer = await this.calls.answer(env, {
      method: 'DELETE',
      path: segments('apps', appId, 'accesskeys', keyId(id)),
      operator,
    });
    if (answer.status < 300) return;
    // An enabled key is not deleted: Apollo answers that with 400, as its other refusals.
    const refused = refusal(answer);
    throw answer.status === 409 ? new BadRequestException(refused.message) : refused;
  }
}
