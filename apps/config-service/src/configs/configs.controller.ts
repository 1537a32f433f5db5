import { serializeProperties } from '@houston/domain';
import { Controller, Get, NotFoundException, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClientAuthGuard } from '../access/client-auth.guard';
import { InstanceSightings } from '../instances/instance-sightings';
import type { ConfigRequest } from './config-assembler';
import { ConfigQueryService } from './config-query.service';

// Path and query are read as plain objects, without a validation pipe: this is the hot path, and
// any string is a valid name to look up.
interface ConfigPath {
  appId: string;
  cluster: string;
  namespace: string;
}

interface ClientQuery {
  releaseKey?: string;
  dataCenter?: string;
  messages?: string;
  /** The client's IP as it reports it (gray rules, instance records); else the connection's. */
  ip?: string;
  label?: string;
}

function configRequest(path: ConfigPath, query: ClientQuery, request: FastifyRequest): ConfigRequest {
  return {
    appId: path.appId,
    cluster: path.cluster,
    namespace: path.namespace,
    dataCenter: query.dataCenter || undefined,
    ip: query.ip || request.ip,
    label: query.label || undefined,
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
    @Query() query: ClientQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const client = configRequest(path, query, request);
    const config = await this.configs.find(client, query.messages);
    this.instances.sawRead(path, client.dataCenter, client.ip ?? '', config.releases);
    if (config.releaseKey === (query.releaseKey ?? '-1')) {
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
    @Query() query: ClientQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const config = await this.configs.find(configRequest(path, query, request));
    void reply.header('content-type', JSON_TYPE).send(JSON.stringify(config.configurations));
  }

  @Get('configfiles/raw/:appId/:cluster/:namespace')
  @ApiOperation({
    operationId: 'getConfigFileRaw',
    summary: "A yaml/json/xml/txt namespace's document as it was written",
  })
  async raw(
    @Param() path: ConfigPath,
    @Query() query: ClientQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const config = await this.configs.find(configRequest(path, query, request));
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
    @Query() query: ClientQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const config = await this.configs.find(configRequest(path, query, request));
    void reply
      .header('content-type', 'text/plain; charset=utf-8')
      .send(serializeProperties(config.configurations));
  }
}
