import { Inject, Injectable } from '@nestjs/common';
import { HoustonClient, type ConfigChangeEvent, type NamespaceConfig } from '@houston/client';
import { HOUSTON_CLIENT } from './houston.constants';

/** The module's configuration, injectable anywhere (HoustonModule is global). */
@Injectable()
export class HoustonConfigService {
  constructor(@Inject(HOUSTON_CLIENT) readonly client: HoustonClient) {}

  namespace(name?: string): NamespaceConfig {
    return this.client.namespace(name);
  }

  getString(key: string): string | undefined;
  getString(key: string, defaultValue: string): string;
  getString(key: string, defaultValue?: string): string | undefined {
    return defaultValue === undefined ? this.client.getString(key) : this.client.getString(key, defaultValue);
  }

  getNumber(key: string, defaultValue?: number): number | undefined {
    return this.client.getNumber(key, defaultValue);
  }

  getBoolean(key: string, defaultValue?: boolean): boolean | undefined {
    return this.client.getBoolean(key, defaultValue);
  }

  getJson<T = unknown>(key: string, defaultValue?: T): T | undefined {
    return this.client.getJson<T>(key, defaultValue);
  }

  getArray(key: string, separator?: string, defaultValue?: string[]): string[] {
    return this.client.getArray(key, separator, defaultValue);
  }

  onChange(listener: (event: ConfigChangeEvent) => void, namespace?: string): () => void {
    return this.client.onChange(listener, namespace);
  }
}
