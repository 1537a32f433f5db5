import { SERVICE_NAMES, type ServiceRegistry } from '@houston/discovery';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { SERVICE_REGISTRY } from '../meta-server.tokens';
import { ServiceDto } from './service-dto';

/** Apollo's meta-server API: where the config and admin services of this environment are. */
@ApiTags('discovery')
@Controller('services')
export class ServicesController {
  constructor(@Inject(SERVICE_REGISTRY) private readonly registry: ServiceRegistry) {}

  @Get('config')
  @ApiOperation({ operationId: 'listConfigServices', summary: 'Live config-service instances' })
  @ApiQuery({
    name: 'appId',
    required: false,
    description: 'Sent by Apollo clients; every client gets every instance',
  })
  @ApiQuery({
    name: 'ip',
    required: false,
    description: 'Sent by Apollo clients; every client gets every instance',
  })
  @ApiOkResponse({ type: ServiceDto, isArray: true })
  configServices(): Promise<ServiceDto[]> {
    return this.list(SERVICE_NAMES.config);
  }

  @Get('admin')
  @ApiOperation({ operationId: 'listAdminServices', summary: 'Live admin-service instances' })
  @ApiQuery({
    name: 'appId',
    required: false,
    description: 'Sent by Apollo clients; every client gets every instance',
  })
  @ApiQuery({
    name: 'ip',
    required: false,
    description: 'Sent by Apollo clients; every client gets every instance',
  })
  @ApiOkResponse({ type: ServiceDto, isArray: true })
  adminServices(): Promise<ServiceDto[]> {
    return this.list(SERVICE_NAMES.admin);
  }

  private async list(serviceName: string): Promise<ServiceDto[]> {
    const instances = await this.registry.getInstances(serviceName);
    return instances.map((instance) => ({
      appName: instance.serviceName,
      instanceId: instance.instanceId,
      homepageUrl: instance.homepageUrl,
    }));
  }
}
