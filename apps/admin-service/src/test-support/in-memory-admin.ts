import { InMemoryDatabase, InMemoryInstanceStore } from '@houston/testing';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AdminServiceModule, type AdminServiceModuleOptions } from '../admin-service.module';
import type { PublishedMessage } from '../admin-service.options';

export interface InMemoryAdmin {
  /** A use case of the admin-service (ReleasePublisher, ItemService, BranchService, …). */
  get<T>(type: Type<T>): T;
  /** The repositories the use cases ran on, to look at what they wrote. */
  database: InMemoryDatabase;
  /** Every release message announced, in order. */
  announced: PublishedMessage[];
  close(): Promise<void>;
}

/**
 * The admin-service's use cases as units: the real module, without an HTTP server, on the
 * in-memory repositories of `@houston/testing` (no database, no file, no socket), so publish,
 * rollback, merge and the edit rules are tested without starting anything. The repository
 * contract keeps those repositories in step with the TypeORM ones.
 */
export async function inMemoryAdmin(
  options: Omit<AdminServiceModuleOptions, 'database'> = {},
): Promise<InMemoryAdmin> {
  const database = new InMemoryDatabase();
  const announced: PublishedMessage[] = [];
  const context = await NestFactory.createApplicationContext(
    AdminServiceModule.register({
      database,
      instances: new InMemoryInstanceStore(),
      onReleaseMessage: (message) => void announced.push(message),
      ...options,
    }),
    { logger: false, abortOnError: false },
  );
  return {
    get: (type) => context.get(type),
    database,
    announced,
    close: () => context.close(),
  };
}
