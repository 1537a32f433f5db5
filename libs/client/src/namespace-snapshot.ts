import { namespaceFormat } from './namespace-name';
import type { NamespaceConfig, NamespaceFormat } from './types';
import { yamlParser } from './yaml-loader';

export interface NamespaceData {
  configurations: Record<string, string>;
  releaseKey: string;
  source: 'server' | 'cache';
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);
const NOT_PARSED = Symbol('not parsed');

/**
 * One namespace's configuration. The client swaps the data in place on every release, so a
 * reference kept by the application always reads the current values.
 */
export class NamespaceSnapshot implements NamespaceConfig {
  readonly format: NamespaceFormat;
  private data: NamespaceData;
  private parsedCache: unknown = NOT_PARSED;

  constructor(
    readonly name: string,
    data: NamespaceData,
  ) {
    this.format = namespaceFormat(name);
    this.data = data;
  }

  get releaseKey(): string {
    return this.data.releaseKey;
  }

  get source(): 'server' | 'cache' {
    return this.data.source;
  }

  /** The raw data, for the client (diffing, the file cache). */
  snapshot(): NamespaceData {
    return this.data;
  }

  replace(data: NamespaceData): void {
    this.data = data;
    this.parsedCache = NOT_PARSED;
  }

  getString(key: string): string | undefined;
  getString(key: string, defaultValue: string): string;
  getString(key: string, defaultValue?: string): string | undefined {
    const value = this.data.configurations[key];
    return value === undefined ? defaultValue : value;
  }

  getNumber(key: string, defaultValue?: number): number | undefined {
    const value = this.data.configurations[key]?.trim();
    if (value === undefined || value === '') return defaultValue;
    const parsed = Number(value);
    return Number.isNaN(parsed) ? defaultValue : parsed;
  }

  getBoolean(key: string, defaultValue?: boolean): boolean | undefined {
    const value = this.data.configurations[key]?.trim().toLowerCase();
    if (value === undefined) return defaultValue;
    if (TRUE.has(value)) return true;
    if (FALSE.has(value)) return false;
    return defaultValue;
  }

  getJson<T = unknown>(key: string, defaultValue?: T): T | undefined {
    const value = this.data.configurations[key];
    if (value === undefined) return defaultValue;
    try {
      return JSON.parse(value) as T;
    } catch {
      return defaultValue;
    }
  }

  getArray(key: string, separator = ',', defaultValue: string[] = []): string[] {
    const value = this.data.configurations[key];
    if (value === undefined) return defaultValue;
    return value
      .split(separator)
      .map((part) => part.trim())
      .filter((part) => part !== '');
  }

  keys(): string[] {
    return Object.keys(this.data.configurations);
  }

  all(): Record<string, string> {
    return { ...this.data.configurations };
  }

  content(): string | undefined {
    return this.format === 'properties' ? undefined : this.data.configurations['content'];
  }

  parsed<T = unknown>(): T {
    if (this.parsedCache !== NOT_PARSED) return this.parsedCache as T;
    const text = this.content();
    let value: unknown;
    if (this.format === 'json')
      value = text === undefined || text.trim() === '' ? undefined : JSON.parse(text);
    else if (this.format === 'yaml' || this.format === 'yml')
      value = text === undefined ? undefined : yamlParser()(text);
    else
      throw new Error(
        `namespace ${this.name} is ${this.format}: only json and yaml namespaces can be parsed`,
      );
    this.parsedCache = value;
    return value as T;
  }
}
