import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { EnvironmentGateway } from './environments/environment-gateway';
import { EnvironmentsController } from './environments/environments.controller';
import { UsersController } from './people/users.controller';
import { UsersService } from './people/users.service';
import { PortalDatabase } from './persistence/portal-database';
import { PORTAL_SETTINGS, type PortalSettings } from './portal.tokens';
import { AuthController } from './sessions/auth.controller';
import { LoginRateLimiter } from './sessions/login-rate-limiter';
import { PortalAuthGuard } from './sessions/portal-auth.guard';
import { SessionService } from './sessions/session.service';

export interface PortalModuleOptions {
  database: PortalDatabase;
  settings: PortalSettings;
  environments: EnvironmentGateway;
}

@Module({})
export class PortalModule {
  static register(options: PortalModuleOptions): DynamicModule {
    return {
      module: PortalModule,
      controllers: [AuthController, UsersController, EnvironmentsController],
      providers: [
        { provide: PortalDatabase, useValue: options.database },
        { provide: PORTAL_SETTINGS, useValue: options.settings },
        {
          provide: LoginRateLimiter,
          useValue: new LoginRateLimiter(options.settings.loginAttempts, options.settings.loginWindowMs),
        },
        { provide: EnvironmentGateway, useValue: options.environments },
        UsersService,
        SessionService,
        { provide: APP_GUARD, useClass: PortalAuthGuard },
      ],
    };
  }
}
