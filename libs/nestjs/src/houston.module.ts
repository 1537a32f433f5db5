import {
  Global,
  Module,
  type DynamicModule,
  type FactoryProvider,
  type ModuleMetadata,
  type Provider,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { HoustonClient, type HoustonClientFullOptions } from '@houston/client';
import { HOUSTON_CLIENT, HOUSTON_MODULE_OPTIONS } from './houston.constants';
import { HoustonConfigService } from './houston-config.service';
import { HoustonExplorer } from './houston-explorer';

export type HoustonModuleOptions = HoustonClientFullOptions;

export interface HoustonModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  useFactory: (...args: never[]) => HoustonModuleOptions | Promise<HoustonModuleOptions>;
  inject?: FactoryProvider['inject'];
}

/**
 * The client is ready before anything that injects it is constructed: the provider awaits the
 * first load, so constructors and factories can read configuration.
 */
const clientProvider: Provider = {
  provide: HOUSTON_CLIENT,
  useFactory: async (options: HoustonModuleOptions) => HoustonClient.create(options),
  inject: [HOUSTON_MODULE_OPTIONS],
};

@Global()
@Module({})
export class HoustonModule {
  static forRoot(options: HoustonModuleOptions): DynamicModule {
    return HoustonModule.build([{ provide: HOUSTON_MODULE_OPTIONS, useValue: options }], []);
  }

  static forRootAsync(options: HoustonModuleAsyncOptions): DynamicModule {
    return HoustonModule.build(
      [
        {
          provide: HOUSTON_MODULE_OPTIONS,
          useFactory: options.useFactory as (...args: unknown[]) => HoustonModuleOptions,
          inject: options.inject ?? [],
        },
      ],
      options.imports ?? [],
    );
  }

  private static build(
    optionsProviders: Provider[],
    imports: NonNullable<ModuleMetadata['imports']>,
  ): DynamicModule {
    return {
      module: HoustonModule,
      global: true,
      imports: [DiscoveryModule, ...imports],
      providers: [...optionsProviders, clientProvider, HoustonConfigService, HoustonExplorer],
      exports: [HOUSTON_CLIENT, HOUSTON_MODULE_OPTIONS, HoustonConfigService],
    };
  }
}
