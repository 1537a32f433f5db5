import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { HoustonClient, type NamespaceConfig } from '@houston/client';
import { HOUSTON_CLIENT } from './houston.constants';
import { houstonValues, type HoustonValueBinding } from './houston-value.decorator';
import { changeHandlers, filterEvent } from './on-config-change.decorator';

/**
 * Finds the providers and controllers that use @HoustonValue / @OnConfigChange once every
 * instance exists, wires them to the client, and closes the client on shutdown.
 */
@Injectable()
export class HoustonExplorer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Houston');
  private readonly unsubscribes: (() => void)[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(HOUSTON_CLIENT) private readonly client: HoustonClient,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.client.ready();
    const seen = new Set<object>();
    for (const wrapper of [...this.discovery.getProviders(), ...this.discovery.getControllers()]) {
      // Request-scoped and transient instances are created per use; only singletons are bound.
      if (!wrapper.isDependencyTreeStatic() || wrapper.isTransient) continue;
      const instance = wrapper.instance as object | undefined;
      if (!instance || typeof instance !== 'object' || seen.has(instance)) continue;
      seen.add(instance);
      for (const binding of houstonValues(instance.constructor)) this.bindValue(instance, binding);
      this.bindHandlers(instance);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    await this.client.close();
  }

  private bindValue(instance: object, binding: HoustonValueBinding): void {
    const namespace = this.client.namespace(binding.namespace);
    Object.defineProperty(instance, binding.property, {
      configurable: true,
      enumerable: true,
      get: () => readValue(namespace, binding),
      set: () => {
        throw new TypeError(
          `${String(binding.property)} is bound to Houston key '${binding.key}' and cannot be assigned`,
        );
      },
    });
  }

  private bindHandlers(instance: object): void {
    for (const handler of changeHandlers(instance.constructor)) {
      const method = (instance as Record<string | symbol, unknown>)[handler.method];
      if (typeof method !== 'function') continue;
      const where = `${instance.constructor.name}.${String(handler.method)}`;
      this.unsubscribes.push(
        this.client.onChange((event) => {
          const matching = filterEvent(event, handler.keyPattern);
          if (!matching) return;
          try {
            const result = (method as (event: unknown) => unknown).call(instance, matching);
            if (result instanceof Promise) result.catch((error) => this.fail(where, error));
          } catch (error) {
            this.fail(where, error);
          }
        }, handler.namespace),
      );
    }
  }

  private fail(where: string, error: unknown): void {
    this.logger.error(
      `@OnConfigChange handler ${where} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function readValue(namespace: NamespaceConfig, binding: HoustonValueBinding): unknown {
  const { key, defaultValue } = binding;
  switch (binding.type) {
    case 'number':
      return namespace.getNumber(key, defaultValue as number | undefined);
    case 'boolean':
      return namespace.getBoolean(key, defaultValue as boolean | undefined);
    case 'json':
      return namespace.getJson(key, defaultValue);
    case 'array':
      return namespace.getArray(key, binding.separator, (defaultValue as string[] | undefined) ?? []);
    default:
      return namespace.getString(key) ?? defaultValue;
  }
}
