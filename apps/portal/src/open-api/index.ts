import type { Provider } from '@nestjs/common';
import { AdminCalls } from './admin-calls';
import { ConsumerAuditInterceptor } from './consumer-audit.interceptor';
import { ConsumerTokenGuard } from './consumer-token.guard';
import { ConsumersController } from './consumers.controller';
import { ConsumersService } from './consumers.service';
import { OpenApiAccessKeysController } from './open-api-access-keys.controller';
import { OpenApiAppNamespacesController } from './open-api-app-namespaces.controller';
import { OpenApiAppsController } from './open-api-apps.controller';
import { OpenApiInstancesController } from './open-api-instances.controller';
import { OpenApiPermissionsController } from './open-api-permissions.controller';
import { OpenApiBranchesController } from './open-api-branches.controller';
import { OpenApiClusterNamespacesController } from './open-api-cluster-namespaces.controller';
import { OpenApiItemsController } from './open-api-items.controller';
import { OpenApiNamespacesController } from './open-api-namespaces.controller';
import { OpenApiReleasesController } from './open-api-releases.controller';
import { ReviewGate } from './review-gate';
export { RedisRateLimiter, TokenRateLimiter, type RateLimitCounter } from './token-rate-limiter';

/** Apollo's Open API (`/openapi/v1/…`, consumer tokens). */
export const OPEN_API_CONTROLLERS = [
  OpenApiAppsController,
  OpenApiNamespacesController,
  OpenApiClusterNamespacesController,
  OpenApiItemsController,
  OpenApiReleasesController,
  OpenApiBranchesController,
  OpenApiAppNamespacesController,
  OpenApiInstancesController,
  OpenApiAccessKeysController,
  OpenApiPermissionsController,
];

/** The consumers' management routes (super administrators, with a session). */
export { ConsumersController };

export const OPEN_API_PROVIDERS: Provider[] = [
  ConsumersService,
  AdminCalls,
  ReviewGate,
  ConsumerTokenGuard,
  ConsumerAuditInterceptor,
];
