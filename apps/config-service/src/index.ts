export { AccessKeyLookup } from './access/access-key-lookup';
export { ConfigServiceLifecycle } from './config-service.lifecycle';
export { CONFIG_SERVICE_ENV, configServiceOptionsFromEnv, type ConfigServiceEnv } from './config-service.env';
export { ConfigServiceModule, type ConfigServiceModuleOptions } from './config-service.module';
export { DEFAULT_CONFIG_SERVICE_OPTIONS, type ConfigServiceOptions } from './config-service.options';
export { startConfigService, type ConfigServiceStartOptions } from './start-config-service';
export { InstanceTracker, type InstanceTrackerStats } from './instances/instance-tracker';
export { NotificationService } from './notifications/notification-service';
export { ReleaseMessageScanner } from './release-messages/release-message-scanner';
