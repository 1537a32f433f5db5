import { AccessKeyEntity } from './access-key.entity';
import { AppNamespaceEntity } from './app-namespace.entity';
import { AppEntity } from './app.entity';
import { AuditEntity } from './audit.entity';
import { ClusterEntity } from './cluster.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { CommitEntity } from './commit.entity';
import { BranchStatus, GrayReleaseRuleEntity } from './gray-release-rule.entity';
import { InstanceConfigEntity } from './instance-config.entity';
import { InstanceEntity } from './instance.entity';
import { ItemEntity } from './item.entity';
import { NamespaceLockEntity } from './namespace-lock.entity';
import { NamespaceSchemaEntity } from './namespace-schema.entity';
import { NamespaceEntity } from './namespace.entity';
import { ReleaseHistoryEntity } from './release-history.entity';
import { ReleaseMessageEntity } from './release-message.entity';
import { ReleaseEntity } from './release.entity';
import { ReleaseWebhookEntity } from './release-webhook.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { ServiceRegistryEntity } from './service-registry.entity';
import { ClientReportEntity } from './client-report.entity';
import { RolloutEventEntity } from './rollout-event.entity';
import { RolloutEntity } from './rollout.entity';

export { AuditedEntity } from './audited.entity';
export { isLargeTextColumn, LargeTextColumn } from './large-text-column';
export {
  AccessKeyEntity,
  AppEntity,
  AppNamespaceEntity,
  AuditEntity,
  ClusterEntity,
  CommitEntity,
  BranchStatus,
  GrayReleaseRuleEntity,
  IdempotencyKeyEntity,
  InstanceConfigEntity,
  InstanceEntity,
  ItemEntity,
  NamespaceEntity,
  NamespaceLockEntity,
  NamespaceSchemaEntity,
  ReleaseEntity,
  ReleaseHistoryEntity,
  ReleaseMessageEntity,
  ReleaseWebhookEntity,
  WebhookDeliveryEntity,
  ServiceRegistryEntity,
  RolloutEntity,
  RolloutEventEntity,
  ClientReportEntity,
};

/** Every entity of the schema, in the order the migrations create their tables. */
export const ALL_ENTITIES = [
  AppEntity,
  AppNamespaceEntity,
  ClusterEntity,
  NamespaceEntity,
  ItemEntity,
  CommitEntity,
  ReleaseEntity,
  ReleaseHistoryEntity,
  ReleaseMessageEntity,
  AuditEntity,
  ServiceRegistryEntity,
  AccessKeyEntity,
  NamespaceLockEntity,
  GrayReleaseRuleEntity,
  InstanceEntity,
  InstanceConfigEntity,
  IdempotencyKeyEntity,
  NamespaceSchemaEntity,
  ReleaseWebhookEntity,
  WebhookDeliveryEntity,
  RolloutEntity,
  RolloutEventEntity,
  ClientReportEntity,
];
