export interface HoustonLogger {
  info(msg: string, meta?: object): void;
  warn(msg: string, meta?: object): void;
  error?(msg: string, meta?: object): void;
}

export interface HoustonClientOptions {
  appId: string;
  /** Default 'default'. */
  cluster?: string;
  dataCenter?: string;
  /** Default ['application']; names as the client spells them, e.g. 'app.yaml'. */
  namespaces?: string[];
  /** Discover config-services via GET {meta}/services/config. */
  metaServerUrl?: string | string[];
  /** Or talk to config-services directly (skips discovery). */
  configServiceUrl?: string | string[];
  /** Apollo access-key secret: every config-service request is signed with it. */
  accessKeySecret?: string;
  /** Sent as query param `label` (gray rules match on it). */
  label?: string;
  /** Sent as query param `ip` (gray rules match on it); default: the first external IPv4 address. */
  ip?: string;
  /** Local file cache; one JSON file per namespace. */
  cacheDir?: string;
  /** Periodic full refresh, default 5 min: the safety net if a long poll silently dies. */
  refreshIntervalMs?: number;
  /** Default 60 s. */
  discoveryRefreshIntervalMs?: number;
  /** Client-side timeout of /notifications/v2, default 90 s (the server holds 60 s). */
  longPollTimeoutMs?: number;
  /** Default 10 s. */
  requestTimeoutMs?: number;
  logger?: HoustonLogger;
  fetch?: typeof fetch;
  /**
   * Checks a new release before it is applied (not the first load): throw (or reject) to refuse
   * it. A refused release is not applied, no change event is emitted, the client keeps what it
   * holds and reports the release `rejected` with the error's message.
   */
  validate?: (release: ReleaseToValidate) => void | Promise<void>;
  /**
   * Tells the config-service what became of each release (`POST /client-reports`, Houston's
   * health signal for rollouts): `auto` (default) reports `applied` and `rejected` itself;
   * `manual` only what `report()` is given; `off` nothing.
   */
  reportStatus?: 'auto' | 'manual' | 'off';
}

export interface ReleaseToValidate {
  namespace: string;
  releaseKey: string;
  configurations: Readonly<Record<string, string>>;
}

export type ChangeType = 'added' | 'modified' | 'deleted';

export interface ConfigChange {
  key: string;
  type: ChangeType;
  oldValue?: string;
  newValue?: string;
}

export interface ConfigChangeEvent {
  namespace: string;
  changes: ConfigChange[];
  releaseKey: string;
}

export type NamespaceFormat = 'properties' | 'json' | 'yaml' | 'yml' | 'xml' | 'txt';

export interface NamespaceConfig {
  readonly name: string;
  readonly format: NamespaceFormat;
  readonly releaseKey: string;
  readonly source: 'server' | 'cache';
  getString(key: string): string | undefined;
  getString(key: string, defaultValue: string): string;
  /** Unparsable values give the default. */
  getNumber(key: string, defaultValue?: number): number | undefined;
  /** true/false/1/0/yes/no/on/off, case-insensitive; anything else gives the default. */
  getBoolean(key: string, defaultValue?: boolean): boolean | undefined;
  getJson<T = unknown>(key: string, defaultValue?: T): T | undefined;
  /** Split on `separator` (default ','), trimmed, empty parts dropped. */
  getArray(key: string, separator?: string, defaultValue?: string[]): string[];
  keys(): string[];
  all(): Record<string, string>;
  /** The document of a yaml/json/xml/txt namespace (its `content` key). */
  content(): string | undefined;
  /** json/yaml namespaces parsed; throws for other formats. */
  parsed<T = unknown>(): T;
}
