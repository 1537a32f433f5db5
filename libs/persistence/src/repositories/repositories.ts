import type { EntityManager } from 'typeorm';
import { AccessKeyRepository } from './access-key.repository';
import { AppNamespaceRepository } from './app-namespace.repository';
import { AppRepository } from './app.repository';
import { AuditRepository } from './audit.repository';
import { ClusterRepository } from './cluster.repository';
import { ClientReportRepository } from './client-report.repository';
import { CommitRepository } from './commit.repository';
import { GrayRuleRepository } from './gray-rule.repository';
import { IdempotencyKeyRepository } from './idempotency-key.repository';
import { InstanceConfigRepository } from './instance-config.repository';
import { ItemRepository } from './item.repository';
import { NamespaceLockRepository } from './namespace-lock.repository';
import { NamespaceSchemaRepository } from './namespace-schema.repository';
import { NamespaceRepository } from './namespace.repository';
import { ReleaseHistoryRepository } from './release-history.repository';
import { ReleaseMessageRepository } from './release-message.repository';
import { ReleaseRepository } from './release.repository';
import { ReleaseWebhookRepository } from './release-webhook.repository';
import { RetentionRepository } from './retention.repository';
import { RolloutRepository } from './rollout.repository';
import { SecretValuesRepository } from './secret-values.repository';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';

/** All repositories bound to one entity manager (the data source's, or a transaction's). */
export class Repositories {
  readonly accessKeys: AccessKeyRepository;
  readonly apps: AppRepository;
  readonly appNamespaces: AppNamespaceRepository;
  readonly clusters: ClusterRepository;
  readonly namespaces: NamespaceRepository;
  readonly namespaceLocks: NamespaceLockRepository;
  readonly namespaceSchemas: NamespaceSchemaRepository;
  readonly items: ItemRepository;
  readonly grayRules: GrayRuleRepository;
  readonly commits: CommitRepository;
  readonly releases: ReleaseRepository;
  readonly releaseHistories: ReleaseHistoryRepository;
  readonly releaseMessages: ReleaseMessageRepository;
  readonly releaseWebhooks: ReleaseWebhookRepository;
  readonly webhookDeliveries: WebhookDeliveryRepository;
  readonly audits: AuditRepository;
  readonly idempotencyKeys: IdempotencyKeyRepository;
  readonly retention: RetentionRepository;
  readonly secretValues: SecretValuesRepository;
  readonly rollouts: RolloutRepository;
  readonly clientReports: ClientReportRepository;
  readonly instanceConfigs: InstanceConfigRepository;

  constructor(readonly manager: EntityManager) {
    this.accessKeys = new AccessKeyRepository(manager);
    this.apps = new AppRepository(manager);
    this.appNamespaces = new AppNamespaceRepository(manager);
    this.clusters = new ClusterRepository(manager);
    this.namespaces = new NamespaceRepository(manager);
    this.namespaceLocks = new NamespaceLockRepository(manager);
    this.namespaceSchemas = new NamespaceSchemaRepository(manager);
    this.items = new ItemRepository(manager);
    this.grayRules = new GrayRuleRepository(manager);
    this.commits = new CommitRepository(manager);
    this.releases = new ReleaseRepository(manager);
    this.releaseHistories = new ReleaseHistoryRepository(manager);
    this.releaseMessages = new ReleaseMessageRepository(manager);
    this.releaseWebhooks = new ReleaseWebhookRepository(manager);
    this.webhookDeliveries = new WebhookDeliveryRepository(manager);
    this.audits = new AuditRepository(manager);
    this.idempotencyKeys = new IdempotencyKeyRepository(manager);
    this.retention = new RetentionRepository(manager);
    this.secretValues = new SecretValuesRepository(manager);
    this.rollouts = new RolloutRepository(manager);
    this.clientReports = new ClientReportRepository(manager);
    this.instanceConfigs = new InstanceConfigRepository(manager);
  }
}
