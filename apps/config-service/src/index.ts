export { ConfigServiceLifecycle } from './config-service.lifecycle';
export { ConfigServiceModule, type ConfigServiceModuleOptions } from './config-service.module';
export { DEFAULT_CONFIG_SERVICE_OPTIONS, type ConfigServiceOptions } from './config-service.options';
