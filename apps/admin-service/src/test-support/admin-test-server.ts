import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '@houston/persistence';
import { openDatabase } from '@houston/runtime';
import { TEST_ADMIN_TOKEN } from '@houston/testing';
import { createHttpApp, createLogger, listen, PinoNestLogger } from '@houston/server-kit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AdminServiceModule, type AdminServiceModuleOptions } from '../admin-service.module';

export interface AdminTestServer {
  url: string;
  database: Database;
  app: NestFastifyApplication;
  close(): Promise<void>;
}

/** The admin-service alone on a fresh SQLite file (or the given database), migrated as in production. */
export async function startAdminTestServer(
  options: Omit<AdminServiceModuleOptions, 'database'> = {},
  databaseUrl?: string,
): Promise<AdminTestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'houston-admin-'));
  const logger = new PinoNestLogger(createLogger({ level: 'silent', name: 'admin-test' }));
  const database = await openDatabase(
    {
      HOUSTON_DB_URL: databaseUrl ?? `sqlite:${join(dir, 'admin.sqlite')}`,
      HOUSTON_DB_POOL_SIZE: 4,
      HOUSTON_DB_SKIP_MIGRATIONS: false,
    },
    logger,
  );
  const app = await createHttpApp(
    AdminServiceModule.register({ database, accessTokens: [TEST_ADMIN_TOKEN], ...options }),
    {
      logger,
      openApi: { title: 'admin', version: 'test' },
    },
  );
  const { url } = await listen(app, 0, '127.0.0.1');
  return {
    url: url.replace(/\/$/, ''),
    database,
    app,
    async close() {
      await app.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
