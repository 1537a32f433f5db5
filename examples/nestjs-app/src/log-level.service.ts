import { ConsoleLogger, Injectable, Logger, type LogLevel, type OnModuleInit } from '@nestjs/common';
import type { ConfigChangeEvent } from '@houston/client';
import { HoustonConfigService, OnConfigChange } from '@houston/nestjs';

const SEVERITY: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];

/** 'warn' → ['warn', 'error', 'fatal']: the named level and everything more severe. */
export function levelsFrom(level: string): LogLevel[] | undefined {
  const index = SEVERITY.indexOf(level.trim().toLowerCase() as LogLevel);
  return index < 0 ? undefined : SEVERITY.slice(index);
}

/** Keeps the application logger at the level the `log.level` key names, without a restart. */
@Injectable()
export class LogLevelService implements OnModuleInit {
  private readonly logger = new Logger(LogLevelService.name);
  private current = 'log';

  constructor(
    private readonly config: HoustonConfigService,
    private readonly appLogger: ConsoleLogger,
  ) {}

  get level(): string {
    return this.current;
  }

  onModuleInit(): void {
    this.apply(this.config.getString('log.level', 'log'));
  }

  @OnConfigChange('application', 'log.level')
  onLevelChange(event: ConfigChangeEvent): void {
    this.apply(event.changes[0]?.newValue ?? 'log');
  }

  private apply(level: string): void {
    const levels = levelsFrom(level);
    if (!levels) {
      this.logger.warn(`ignoring unknown log.level '${level}'; keeping '${this.current}'`);
      return;
    }
    this.appLogger.setLogLevels(levels);
    this.current = levels[0]!;
    this.logger.warn(`log level is now '${this.current}'`);
  }
}
