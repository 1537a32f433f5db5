import type { ServiceRegistry } from '@houston/discovery';
import { Module, type DynamicModule } from '@nestjs/common';
import { SERVICE_REGISTRY } from './meta-server.tokens';
import { ServicesController } from './services/services.controller';

export interface MetaServerOptions {
  registry: ServiceRegistry;
}

@Module({})
export class MetaServerModule {
  static register(options: MetaServerOptions): DynamicModule {
    return {
      module: MetaServerModule,
      controllers: [ServicesController],
      providers: [{ provide: SERVICE_REGISTRY, useValue: options.registry }],
    };
  }
}
