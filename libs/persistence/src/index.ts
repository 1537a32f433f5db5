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
export { EVENT_LOOP_TURN_BUDGET_MS, eventLoopTurns, LoopTurns } from './data-source/loop-turns';
export { SnakeNamingStrategy } from './data-source/snake-naming.strategy';
export { Database } from './database';
export { pendingSchemaChanges, runMigrations } from './migrations/run-migrations';
export { generateMigrations, type MigrationGeneration } from './migrations/generate-migrations';
export type { AuditOperation } from './repositories/audit.repository';
export type { NamespaceRef } from './repositories/release.repository';
export type {
  ItemInsert,
  ItemRevision,
  ItemRewrite,
  ItemRow,
  ItemSearchCriteria,
  ItemSearchHit,
} from './repositories/item.repository';
export type { NamespaceSchemaVersion } from './repositories/namespace-schema.repository';
export type { RecordedRequest } from './repositories/idempotency-key.repository';
export type { NewReleaseWebhook, WebhookKind } from './repositories/release-webhook.repository';
export type {
  DeliverySettlement,
  DeliveryStatus,
  NewWebhookDelivery,
} from './repositories/webhook-delivery.repository';
export type { ScannedReleaseMessage } from './repositories/release-message.repository';
export type { AgedTable } from './repositories/retention.repository';
export type { SecretTable } from './repositories/secret-values.repository';
export type { ClientReportRow } from './repositories/client-report.repository';
export { Repositories } from './repositories/repositories';
export { DatabaseRegistryStore } from './repositories/service-registry.store';
export { isUniqueViolation, UniqueViolationError } from './errors/unique-violation';
export type { RepositoryPort, RepositoryPorts, UnitOfWork } from './repositories/repository-ports';
export { DatabaseInstanceStore } from './instances/database-instance-store';
export {
  holdsAnyOf,
  instanceKey,
  MAX_INSTANCE_LABEL_LENGTH,
  parseInstanceKey,
  type InstanceConfigView,
  type InstancePage,
  type InstanceQuery,
  type InstanceSighting,
  type InstanceStore,
  type InstanceView,
} from './instances/instance-store';
export { RedisInstanceStore } from './instances/redis-instance-store';
