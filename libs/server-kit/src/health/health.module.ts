import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HEALTH_OPTIONS, type HealthModuleOptions } from './health.options';
import { ReadinessState } from './readiness-state';

/** `GET /health` (liveness) and `GET /ready` (readiness); exports `ReadinessState` for shutdown. */
@Module({})
export class HealthModule {
  static register(options: HealthModuleOptions = {}): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [
        { provide: HEALTH_OPTIONS, useValue: options },
        options.readiness ? { provide: ReadinessState, useValue: options.readiness } : ReadinessState,
      ],
      exports: [ReadinessState],
    };
  }
}
