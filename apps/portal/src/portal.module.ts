import { AppToolsController } from './config/app-tools.controller';
import { AppsController } from './config/apps.controller';
import { BranchesController } from './config/branches.controller';
import { RolloutsController } from './config/rollouts.controller';
import { ConfigForwarder } from './config/config-forwarder';
import { ClustersController, ItemsController, ReleasesController } from './config/config.controllers';
import { NamespaceToolsController } from './config/namespace-tools.controller';
import { GrantsService } from './permissions/grants.service';
import { RolesController } from './permissions/roles.controller';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AuditController } from './audit/audit.controller';
import { AuditInterceptor } from './audit/audit.interceptor';
import { AuditService } from './audit/audit.service';
import { ApproveReview } from './review/approve-review';
import { RejectReview } from './review/reject-review';
import { WithdrawReview } from './review/withdraw-review';
import { ReleaseOrRequestReview } from './review/release-or-request-review';
import { StartRolloutUnlessReview } from './review/start-rollout-unless-review';
import { RequestReview } from './review/request-review';
import { NamespaceReviewController, ReviewRequestsController } from './review/review.controller';
import { ReviewRequestsStore } from './review/review-requests.store';
import { ValueVisibility } from './review/value-visibility';
import { EnvironmentGateway } from './environments/environment-gateway';
import { EnvironmentsController } from './environments/environments.controller';
import {
  ConsumersController,
  OPEN_API_CONTROLLERS,
  OPEN_API_PROVIDERS,
  TokenRateLimiter,
  type RateLimitCounter,
} from './open-api';
import { AppOwnersController } from './people/app-owners.controller';
import { AppOwners } from './people/app-owners.service';
import { UsersController } from './people/users.controller';
import { UsersService } from './people/users.service';
import { PortalDatabase } from './persistence/portal-database';
import {
  OIDC_CLIENT,
  PORTAL_SETTINGS,
  RATE_LIMIT_COUNTER,
  SESSION_STORE,
  type PortalSettings,
} from './portal.tokens';
import type { SessionStore } from './sessions/session-store';
import { AuthController } from './sessions/auth.controller';
import { LoginRateLimiter } from './sessions/login-rate-limiter';
import { PortalAuthGuard } from './sessions/portal-auth.guard';
import { SessionService } from './sessions/session.service';
import { OidcAccounts } from './oidc/oidc-accounts';
import type { OidcClient } from './oidc/oidc-client';
import { OidcController } from './oidc/oidc.controller';
import { CompareController } from './compare/compare.controller';
import { CompareNamespace } from './compare/compare-namespace.usecase';
import { SyncNamespace } from './compare/sync-namespace.usecase';
import { TargetAccess } from './compare/target-access';
import { ExportApp } from './transfer/export-app.usecase';
import { ImportApp } from './transfer/import-app.usecase';
import { TransferController } from './transfer/transfer.controller';
import { FavouritesController } from './favourites/favourites.controller';
import { FavouritesStore } from './favourites/favourites.store';
import { RecentAppsController } from './recent-apps/recent-apps.controller';
import { RecentAppsStore } from './recent-apps/recent-apps.store';
import { SearchController } from './search/search.controller';
import { SearchItems } from './search/search-items.usecase';
import { WebhooksController } from './webhooks/webhooks.controller';

export interface PortalModuleOptions {
  database: PortalDatabase;
  settings: PortalSettings;
  environments: EnvironmentGateway;
  /** Absent: OIDC sign-in is not configured. */
  oidc?: OidcClient;
  sessions: SessionStore;
  /** The Open API's per-token counts; absent: counted in this process. */
  rateLimits?: RateLimitCounter;
}

/** Every controller of the portal (the route-permission test walks them all). */
export const PORTAL_CONTROLLERS = [
  AuthController,
  OidcController,
  UsersController,
  AppOwnersController,
  EnvironmentsController,
  RolesController,
  AppsController,
  ClustersController,
  ItemsController,
  ReleasesController,
  NamespaceToolsController,
  BranchesController,
  RolloutsController,
  AppToolsController,
  NamespaceReviewController,
  ReviewRequestsController,
  AuditController,
  ConsumersController,
  CompareController,
  TransferController,
  FavouritesController,
  RecentAppsController,
  SearchController,
  WebhooksController,
];

@Module({})
export class PortalModule {
  static register(options: PortalModuleOptions): DynamicModule {
    return {
      module: PortalModule,
      controllers: [...PORTAL_CONTROLLERS, ...OPEN_API_CONTROLLERS],
      providers: [
        { provide: PortalDatabase, useValue: options.database },
        { provide: PORTAL_SETTINGS, useValue: options.settings },
        { provide: SESSION_STORE, useValue: options.sessions },
        {
          provide: LoginRateLimiter,
          useValue: new LoginRateLimiter(options.settings.loginAttempts, options.settings.loginWindowMs),
        },
        { provide: EnvironmentGateway, useValue: options.environments },
        { provide: OIDC_CLIENT, useValue: options.oidc ?? null },
        OidcAccounts,
        TargetAccess,
        CompareNamespace,
        SyncNamespace,
        ExportApp,
        FavouritesStore,
        RecentAppsStore,
        SearchItems,
        ImportApp,
        UsersService,
        AppOwners,
        GrantsService,
        ConfigForwarder,
        AuditService,
        ReviewRequestsStore,
        ValueVisibility,
        RequestReview,
        ApproveReview,
        RejectReview,
        WithdrawReview,
        ReleaseOrRequestReview,
        StartRolloutUnlessReview,
        ...OPEN_API_PROVIDERS,
        { provide: RATE_LIMIT_COUNTER, useValue: options.rateLimits ?? new TokenRateLimiter() },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        SessionService,
        { provide: APP_GUARD, useClass: PortalAuthGuard },
      ],
    };
  }
}
