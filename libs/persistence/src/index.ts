export {
  connectDataSource,
  createDataSource,
  dataSourceOptions,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_QUERY_TIMEOUT_MS,
  dialectOf,
  withoutQueryTimeout,
  widenLargeTextColumns,
  type DataSourceSettings,
  type DatabaseSchema,
} from './data-source/create-data-source';
export {
  describeDatabaseUrl,
  parseDatabaseUrl,
  type DatabaseDialect,
  type DatabaseLocation,
} from './data-source/database-url';
export { SnakeNamingStrategy } from './data-source/snake-naming.strategy';
export { Database } from './database';
export { pendingSchemaChanges, runMigrations } from './migrations/run-migrations';
export { generateMigrations, type MigrationGeneration } from './migrations/generate-migrations';
export type { AuditOperation } from './repositories/audit.repository';
export type { NamespaceRef } from './repositories/release.repository';
export type { ItemRow, ItemSearchCriteria, ItemSearchHit } from './repositories/item.repository';
export type { AgedTable } from './repositories/retention.repository';
export type { SecretTable } from './repositories/secret-values.repository';
export type { ClientReportRow } from './repositories/client-report.repository';
export { Repositories } from './repositories/repositories';
export { DatabaseRegistryStore } from './repositories/service-registry.store';
export { isUniqueViolation } from './errors/unique-violation';
export { DatabaseInstanceStore } from './instances/database-instance-store';
export {
  holdsAnyOf,
  instanceKey,
  type InstanceConfigView,
  type InstancePage,
  type InstanceQuery,
  type InstanceSighting,
  type InstanceStore,
  type InstanceView,
} from './instances/instance-store';
export { RedisInstanceStore } from './instances/redis-instance-store';
