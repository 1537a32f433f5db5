export * from './errors/domain-error';

export * from './formats/namespace-format';
export * from './formats/validate-names';
export * from './formats/properties';
export * from './formats/validate-document';
export * from './schemas/namespace-schema';

export * from './items/item-draft';
export * from './items/validate-item';
export * from './items/items-text';
export * from './items/diff-items';
export * from './items/configurations-of';

export * from './releases/merge-configurations';
export * from './releases/compare-configurations';
export * from './releases/release-key';
export * from './releases/release-precondition';
export * from './releases/release-operation';
export * from './releases/release-retention';

export * from './notifications/message-key';
export * from './notifications/cluster-lookup';
export * from './notifications/client-notifications';

export * from './access/client-signature';
export * from './webhooks/webhook-signature';
export * from './webhooks/notification-events';
export * from './webhooks/notification-payload';
export * from './webhooks/delivery-schedule';
export * from './gray/gray-rules';
export * from './secrets/master-keys';
export * from './secrets/secret-value';
export * from './secrets/secret-release-rule';
export * from './rollouts/sticky-bucket';
export * from './rollouts/rollout-plan';
export * from './rollouts/rollout-progress';
export * from './rollouts/client-reports';
