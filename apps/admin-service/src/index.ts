export { ADMIN_SERVICE_ENV, itemLimitsFromEnv, type AdminServiceEnv } from './admin-service.env';
export {
  ADMIN_ITEM_LIMITS,
  AdminServiceModule,
  type AdminServiceModuleOptions,
} from './admin-service.module';
export type { AdminServiceOptions, PublishedMessage } from './admin-service.options';
export { startAdminService, type AdminServiceStartOptions } from './start-admin-service';
