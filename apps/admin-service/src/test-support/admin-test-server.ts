import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '@houston/persistence';
import { openDatabase } from '@houston/runtime';
import { adminAuth, TEST_ADMIN_TOKEN } from '@houston/testing';
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

export interface OperatorAnswer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test fixture: whatever JSON came back
}

/**
 * What an operator's tool sends: the service token, its name in X-Operator, JSON bodies. The URL
 * is read at each call, since suites open their server in `beforeAll`.
 */
export function operatorCalls(url: () => string, operator: string) {
  return async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<OperatorAnswer> => {
    const response = await fetch(url() + path, {
      method,
      headers: {
        ...adminAuth(),
        'x-operator': operator,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
}
