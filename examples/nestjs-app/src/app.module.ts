import { ConsoleLogger, type DynamicModule, Module } from '@nestjs/common';
import { HoustonModule, type HoustonModuleOptions } from '@houston/nestjs';
import { HelloController } from './hello.controller';
import { LogLevelService } from './log-level.service';

@Module({})
export class AppModule {
  static forRoot(houston: HoustonModuleOptions, logger: ConsoleLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [HoustonModule.forRoot(houston)],
      controllers: [HelloController],
      providers: [LogLevelService, { provide: ConsoleLogger, useValue: logger }],
    };
  }
}
