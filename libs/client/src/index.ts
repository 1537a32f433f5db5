export { HoustonClient, type HoustonClientFullOptions, type HoustonClientTuning } from './houston-client';
export type {
  ChangeType,
  ConfigChange,
  ConfigChangeEvent,
  HoustonClientOptions,
  HoustonLogger,
  NamespaceConfig,
  NamespaceFormat,
  ReleaseToValidate,
} from './types';
export type { ReleaseStatus } from './status-reporter';
export { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
export { signature, signedHeaders } from './sign';
export { diffConfigurations } from './diff';
export { FileCache, type CachedNamespace } from './file-cache';
export { namespaceFormat, normalizeNamespace } from './namespace-name';
export { applyConfigAnswer, type ConfigAnswerDto, type ConfigurationChangeDto } from './config-sync';
