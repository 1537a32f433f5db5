import type { MigrationInterface } from 'typeorm';
import { InstanceLabel1796107476093 } from './1796107476093-instance-label';
import { NamespaceSecretFlag1796099229243 } from './1796099229243-namespace-secret-flag';
import { NotificationWebhooks1796097296085 } from './1796097296085-notification-webhooks';
import { RolloutCheckClaim1796096564651 } from './1796096564651-rollout-check-claim';
import { Rollouts1796084139740 } from './1796084139740-rollouts';
import { ItemKeyIndex1796085401768 } from './1796085401768-item-key-index';
import { WebhookSecretsEncrypted1796090412345 } from './1796090412345-webhook-secrets-encrypted';
import { ReleaseWebhooks1796078570296 } from './1796078570296-release-webhooks';
import { NamespaceSchemas1796076252864 } from './1796076252864-namespace-schemas';
import { AppIncrementalSync1796067267518 } from './1796067267518-app-incremental-sync';
import { IdempotencyKeys1796066948207 } from './1796066948207-idempotency-keys';
import { AccessKeyMode1796066386020 } from './1796066386020-access-key-mode';
import { LiveItemKeys1796064342509 } from './1796064342509-live-item-keys';
import { GovernanceTables1795434384900 } from './1795434384900-governance-tables';
import { InitialSchema1795419814514 } from './1795419814514-initial-schema';

/** In the order they run; never edit one that has been released, add a new one. */
export const SQLITE_MIGRATIONS: Array<new () => MigrationInterface> = [
  InitialSchema1795419814514,
  GovernanceTables1795434384900,
  LiveItemKeys1796064342509,
  AccessKeyMode1796066386020,
  IdempotencyKeys1796066948207,
  AppIncrementalSync1796067267518,
  NamespaceSchemas1796076252864,
  ReleaseWebhooks1796078570296,
  Rollouts1796084139740,
  ItemKeyIndex1796085401768,
  WebhookSecretsEncrypted1796090412345,
  RolloutCheckClaim1796096564651,
  NotificationWebhooks1796097296085,
  NamespaceSecretFlag1796099229243,
  InstanceLabel1796107476093,
];
