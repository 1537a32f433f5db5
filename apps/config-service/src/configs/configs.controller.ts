import { serializeProperties } from '@houston/domain';
import { ClientAuthGuard } from '../access/client-auth.guard';
import { Controller, UseGuards, Get, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InstanceSightings } from '../instances/instance-sightings';
import type { ConfigRequest } from './config-assembler';
import { ConfigQueryService } from './config-query.service';

/** Path parameters, read without a validation pipe: this is the hot path, and any string is a valid name to look up. */
interface ConfigPath {
  appId: string;
  cluster: string;
  namespace: string;
}

function configRequest(path: ConfigPath, dataCenter: string | undefined): ConfigRequest {
  return {
    appId: path.appId,
    cluster: path.cluster,
    namespace: path.namespace,
    dataCenter: dataCenter || undefined,
  };
}

const JSON_TYPE = 'application/json; charset=utf-8';

const RAW_CONTENT_TYPES: Record<string, string> = {
  json: JSON_TYPE,
  yml: 'application/yaml; charset=utf-8',
  yaml: 'application/yaml; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  properties: 'text/plain; charset=utf-8',
};

/** Apollo's client read API. Status codes are Apollo's (304, 404), so existing clients work unchanged. */
@ApiTags('client')
@UseGuards(ClientAuthGuard)
@Controller()
export class ConfigsController {
  constructor(
    private readonly configs: ConfigQueryService,
    private readonly instances: InstanceSightings,
  ) {}

  @Get('configs/:appId/:cluster/:namespace')
  @ApiOperation({
    operationId: 'getConfig',
    summary: 'The merged release a client reads; 304 when its releaseKey is current',
  })
  async config(
    @Param() path: ConfigPath,
    @Query('releaseKey') releaseKey: string | undefined,
    @Query('dataCenter') dataCenter: string | undefined,
    @Query('messages') messages: string | undefined,
    @Query('ip') clientIp: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const config = await this.configs.find(configRequest(path, dataCenter), messages);
    this.instances.sawRead(path, dataCenter, clientIp || request.ip, config.releases);
    if (config.releaseKey === (releaseKey ?? '-1')) {
      void reply.status(304).send();
      return;
    }
    void reply.header('content-type', JSON_TYPE).send(config.body);
  }

  @Get('configfiles/json/:appId/:cluster/:namespace')
  @ApiOperation({
    operationId: 'getConfigFileJson',
    summary: 'The merged configurations as one flat JSON object',
  })
  async json(
    @Param() path: ConfigPath,
    @Query('dataCenter') dataCenter: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const config = await this.configs.find(configRequest(path, dataCenter));
    void reply.header('content-type', JSON_TYPE).send(JSON.stringify(config.configurations));
  }

  @Get('configfiles/raw/:appId/:cluster/:namespace')
  @ApiOperation({
    operationId: 'getConfigFileRaw',
    summary: "A yaml/json/xml/txt namespace's document as it was written",
  })
  async raw(
    @Param() path: ConfigPath,
    @Query('dataCenter') dataCenter: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const config = await this.configs.find(configRequest(path, dataCenter));
    const content =
      config.format === 'properties'
        ? serializeProperties(config.configurations)
        : config.configurations['content'];
    if (content === undefined) throw new NotFoundException(`namespace ${path.namespace} has no content`);
    void reply
      .header('content-type', RAW_CONTENT_TYPES[config.format] ?? RAW_CONTENT_TYPES['txt'])
      .send(content);
  }

  @Get('configfiles/:appId/:cluster/:namespace')
  @ApiOperation({ operationId: 'getConfigFile', summary: 'The merged configurations as properties text' })
  async properties(
    @Param() path: ConfigPath,
    @Query('dataCenter') dataCenter: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const config = await this.configs.find(configRequest(path, dataCenter));
    void reply
      .header('content-type', 'text/plain; charset=utf-8')
      .send(serializeProperties(config.configurations));
  }
}
