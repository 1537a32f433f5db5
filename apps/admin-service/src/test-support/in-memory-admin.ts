import type { Database } from '@houston/persistence';
import { openDatabase } from '@houston/runtime';
import { createLogger, PinoNestLogger } from '@houston/server-kit';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AdminServiceModule, type AdminServiceModuleOptions } from '../admin-service.module';
import type { PublishedMessage } from '../admin-service.options';

export interface InMemoryAdmin {
  /** A use case of the admin-service (ReleasePublisher, ItemService, BranchService, …). */
  get<T>(type: Type<T>): T;
  database: Database;
  /** Every release message announced, in order. */
  announced: PublishedMessage[];
  close(): Promise<void>;
}

/**
 * The admin-service's use cases as units: the real module, without an HTTP server, on an
 * in-memory SQLite database migrated as in production. No file and no socket is touched, so
 * publish, rollback, merge and the edit rules are tested without starting anything.
 */
export async function inMemoryAdmin(
  options: Omit<AdminServiceModuleOptions, 'database'> = {},
): Promise<InMemoryAdmin> {
  const logger = new PinoNestLogger(createLogger({ level: 'silent', name: 'admin-unit' }));
  const database = await openDatabase(
    { HOUSTON_DB_URL: 'sqlite::memory:', HOUSTON_DB_POOL_SIZE: 1, HOUSTON_DB_SKIP_MIGRATIONS: false },
    logger,
  );
  const announced: PublishedMessage[] = [];
  const context = await NestFactory.createApplicationContext(
    AdminServiceModule.register({
      database,
      onReleaseMessage: (message) => void announced.push(message),
      ...options,
    }),
    { logger: false, abortOnError: false },
  );
  return {
    get: (type) => context.get(type),
    database,
    announced,
    async close() {
      await context.close();
      await database.close();
    },
  };
}
