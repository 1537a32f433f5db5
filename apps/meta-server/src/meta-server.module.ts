import { LastKnownInstances, type ServiceRegistry } from '@houston/discovery';
import { Module, type DynamicModule } from '@nestjs/common';
import { SERVICE_REGISTRY } from './meta-server.tokens';
import { ServicesController } from './services/services.controller';

export interface MetaServerOptions {
  /** Wrapped in `LastKnownInstances` (see `lastKnownInstancesOf`) unless it already is. */
  registry: ServiceRegistry;
}

/** How long a discovery lookup may take before the last known list is answered instead. */
export const META_LOOKUP_BOUND_MS = 500;

/** The registry as the meta-server reads it: the last list read stands in while the store fails. */
export function lastKnownInstancesOf(
  registry: ServiceRegistry,
  onFallback?: (serviceName: string, reason: unknown) => void,
): LastKnownInstances {
  return registry instanceof LastKnownInstances
    ? registry
    : new LastKnownInstances(registry, { answerWithinMs: META_LOOKUP_BOUND_MS, onFallback });
}

@Module({})
export class MetaServerModule {
  static register(options: MetaServerOptions): DynamicModule {
    return {
      module: MetaServerModule,
      controllers: [ServicesController],
      providers: [{ provide: SERVICE_REGISTRY, useValue: lastKnownInstancesOf(options.registry) }],
    };
  }
}
