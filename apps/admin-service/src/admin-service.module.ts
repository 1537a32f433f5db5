import { DEFAULT_ITEM_LIMITS, type ItemLimits } from '@houston/domain';
import { InlineDocumentChecker } from '@houston/server-kit';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ServiceTokenGuard } from './auth/service-token.guard';
import { AccessKeyService } from './access-keys/access-key.service';
import { AccessKeysController } from './access-keys/access-keys.controller';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from './admin-service.options';
import { AppService } from './apps/app.service';
import { BranchService } from './branches/branch.service';
import { BranchesController } from './branches/branches.controller';
import { AppsController } from './apps/apps.controller';
import { ClusterService } from './clusters/cluster.service';
import { ClustersController } from './clusters/clusters.controller';
import { CommitsController } from './commits/commits.controller';
import { InstanceQueryService } from './instances/instance-query.service';
import { InstancesController } from './instances/instances.controller';
import { ItemService } from './items/item.service';
import { ItemsController } from './items/items.controller';
import { AppNamespacesController } from './namespaces/app-namespaces.controller';
import { AssociationService } from './namespaces/association.service';
import { AssociationsController } from './namespaces/associations.controller';
import { NamespaceLockController } from './namespaces/namespace-lock.controller';
import { NamespaceService } from './namespaces/namespace.service';
import { NamespacesController } from './namespaces/namespaces.controller';
import { MissingNamespacesController } from './namespaces/missing-namespaces.controller';
import { MissingNamespacesService } from './namespaces/missing-namespaces.service';
import { NamespaceInClusterService } from './namespaces/namespace-in-cluster.service';
import { PublicNamespacesController } from './namespaces/public-namespaces.controller';
import { PublicAppNamespacesController } from './namespaces/public-app-namespaces.controller';
import { PublicNamespaceUsageService } from './namespaces/public-namespace-usage.service';
import { NamespaceReleasesController } from './releases/namespace-releases.controller';
import { ReleaseAnnouncer } from './releases/release-announcer';
import { IdempotentRequests } from './idempotency/idempotent-requests';
import { ReleasePublisher } from './releases/release-publisher';
import { ReleaseQueryService } from './releases/release-query.service';
import { ReleasesController } from './releases/releases.controller';
import { RetentionJob } from './retention/retention.job';
import { RolloutHealth } from './rollouts/rollout-health';
import { RolloutService } from './rollouts/rollout.service';
import { RolloutTicker } from './rollouts/rollout-ticker';
import { RolloutsController } from './rollouts/rollouts.controller';
import { NamespaceSchemasController } from './schemas/namespace-schemas.controller';
import { NamespaceSchemaService } from './schemas/namespace-schema.service';
import { SecretReencryption } from './secrets/secret-reencryption';
import { SecretsController } from './secrets/secrets.controller';
import { SearchController } from './search/search.controller';
import { SearchItems } from './search/search-items.usecase';
import { ReleaseChecks } from './releases/release-checks';
import { ReleaseDryRun } from './releases/release-dry-run';
import { ReleaseWebhooksController } from './webhooks/release-webhooks.controller';
import { ReleaseWebhookService } from './webhooks/release-webhooks.service';
import { DeliveryPoller } from './webhooks/delivery-poller';
import { NotificationOutbox } from './webhooks/notification-outbox';
import { NotificationWebhookService } from './webhooks/notification-webhooks.service';
import { NotificationWebhooksController } from './webhooks/notification-webhooks.controller';

/** Columns bound what a limit may allow: a wider limit would be cut by the database. */
export const ADMIN_ITEM_LIMITS: ItemLimits = {
  ...DEFAULT_ITEM_LIMITS,
  maxKeyLength: 128,
  maxCommentLength: 256,
};

export type AdminServiceModuleOptions = Pick<AdminServiceOptions, 'database'> &
  Partial<Omit<AdminServiceOptions, 'database'>>;

/** The management API: apps, clusters, namespaces, items, releases and rollbacks. */
@Module({})
export class AdminServiceModule {
  static register(moduleOptions: AdminServiceModuleOptions): DynamicModule {
    const options: AdminServiceOptions = {
      limits: ADMIN_ITEM_LIMITS,
      governance: { namespaceLock: false, editorCannotRelease: false },
      documents: new InlineDocumentChecker(),
      ...moduleOptions,
    };
    return {
      module: AdminServiceModule,
      controllers: [
        AppsController,
        AccessKeysController,
        ClustersController,
        AppNamespacesController,
        NamespacesController,
        MissingNamespacesController,
        PublicNamespacesController,
        PublicAppNamespacesController,
        AssociationsController,
        NamespaceLockController,
        ItemsController,
        CommitsController,
        NamespaceReleasesController,
        ReleasesController,
        BranchesController,
        InstancesController,
        NamespaceSchemasController,
        ReleaseWebhooksController,
        NotificationWebhooksController,
        SecretsController,
        RolloutsController,
        SearchController,
      ],
      providers: [
        { provide: ADMIN_SERVICE_OPTIONS, useValue: options },
        AppService,
        AccessKeyService,
        ClusterService,
        NamespaceService,
        NamespaceInClusterService,
        MissingNamespacesService,
        PublicNamespaceUsageService,
        AssociationService,
        ItemService,
        ReleaseAnnouncer,
        ReleasePublisher,
        IdempotentRequests,
        ReleaseQueryService,
        BranchService,
        InstanceQueryService,
        RetentionJob,
        NamespaceSchemaService,
        ReleaseDryRun,
        ReleaseChecks,
        ReleaseWebhookService,
        NotificationOutbox,
        NotificationWebhookService,
        DeliveryPoller,
        SecretReencryption,
        RolloutHealth,
        RolloutService,
        RolloutTicker,
        SearchItems,
        { provide: APP_GUARD, useClass: ServiceTokenGuard },
      ],
    };
  }
}
