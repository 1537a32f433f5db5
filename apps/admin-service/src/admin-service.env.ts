import type { ItemLimits } from '@houston/domain';
import { envInt, envPort, type EnvValues } from '@houston/server-kit';
import { ADMIN_ITEM_LIMITS } from './admin-service.module';

export const ADMIN_SERVICE_ENV = {
  HOUSTON_ADMIN_PORT: envPort({
    description: 'admin-service port (Apollo uses 8090; 0 = any free port)',
    default: 8090,
  }),
  HOUSTON_ITEM_KEY_MAX_LENGTH: envInt({
    description: 'Longest item key',
    default: ADMIN_ITEM_LIMITS.maxKeyLength,
    min: 1,
    max: 128,
  }),
  HOUSTON_ITEM_VALUE_MAX_LENGTH: envInt({
    description: 'Longest value of a properties item (longer is refused, never cut)',
    default: ADMIN_ITEM_LIMITS.maxValueLength,
    min: 1,
    max: 16 * 1024 * 1024,
  }),
  HOUSTON_DOCUMENT_MAX_LENGTH: envInt({
    description: 'Longest yaml/json/xml/txt document',
    default: ADMIN_ITEM_LIMITS.maxDocumentLength,
    min: 1,
    max: 64 * 1024 * 1024,
  }),
  HOUSTON_NAMESPACE_MAX_ITEMS: envInt({
    description: 'Most items in one namespace',
    default: ADMIN_ITEM_LIMITS.maxItemsPerNamespace,
    min: 1,
    max: 1_000_000,
  }),
};

export type AdminServiceEnv = EnvValues<typeof ADMIN_SERVICE_ENV>;

export function itemLimitsFromEnv(env: AdminServiceEnv): ItemLimits {
  return {
    ...ADMIN_ITEM_LIMITS,
    maxKeyLength: env.HOUSTON_ITEM_KEY_MAX_LENGTH,
    maxValueLength: env.HOUSTON_ITEM_VALUE_MAX_LENGTH,
    maxDocumentLength: env.HOUSTON_DOCUMENT_MAX_LENGTH,
    maxItemsPerNamespace: env.HOUSTON_NAMESPACE_MAX_ITEMS,
  };
}
