import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_SERVICE_ENV, startAdminService } from '@houston/admin-service';
import { CONFIG_SERVICE_ENV, startConfigService } from '@houston/config-service';
import { META_SERVER_ENV, startMetaServer } from '@houston/meta-server';
import { PORTAL_ENV, startPortal, type RunningPortal } from '@houston/portal';
import { bindHostEnv, openRuntime, RUNTIME_ENV, type RunningServer } from '@houston/runtime';
import { loadEnv } from '@houston/server-kit';

/** The servers whose OpenAPI documents are committed, as `docs/openapi/<name>.json`. */
export const DOCUMENTED_SERVERS = ['config-service', 'admin-service', 'meta-server', 'portal'] as const;
export type DocumentedServer = (typeof DOCUMENTED_SERVERS)[number];

export const OPENAPI_DIRECTORY = 'docs/openapi';
export const REGENERATE_OPENAPI = 'npm run docs:openapi';

/**
 * Starts every server on its own port, as deployed (not the all-in-one composition, whose
 * config-service also carries the meta-server's routes), on a scratch SQLite directory, and
 * reads the OpenAPI document each one serves. The documents are what a running server says,
 * not what a build step guesses.
 */
export async function readServedDocuments(): Promise<Record<DocumentedServer, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'houston-openapi-'));
  const schema = {
    ...RUNTIME_ENV,
    ...bindHostEnv('127.0.0.1'),
    ...CONFIG_SERVICE_ENV,
    ...ADMIN_SERVICE_ENV,
    ...META_SERVER_ENV,
    ...PORTAL_ENV,
  };
  // Only what these settings are: nothing from the calling shell may change a document.
  const env = loadEnv(schema, {
    HOUSTON_DB_URL: `sqlite:${join(dir, 'houston.sqlite')}`,
    HOUSTON_PORTAL_DB_URL: `sqlite:${join(dir, 'portal.sqlite')}`,
    HOUSTON_PORTAL_ADMIN_PASSWORD: 'openapi-documents-only',
    HOUSTON_CONFIG_PORT: '0',
    HOUSTON_ADMIN_PORT: '0',
    HOUSTON_META_PORT: '0',
    HOUSTON_PORTAL_PORT: '0',
    HOUSTON_LOG_LEVEL: 'error',
  });
  const runtime = await openRuntime(env, 'openapi');
  const servers: Partial<Record<DocumentedServer, RunningServer | RunningPortal>> = {};
  try {
    servers['config-service'] = await startConfigService(runtime, env);
    servers['admin-service'] = await startAdminService(runtime, env, { accessTokens: ['unused'] });
    servers['meta-server'] = await startMetaServer(runtime, env);
    servers.portal = await startPortal(env, { logger: runtime.logger, announce: () => undefined });
    const documents = {} as Record<DocumentedServer, unknown>;
    for (const name of DOCUMENTED_SERVERS) {
      const response = await fetch(`${servers[name]!.url}/openapi.json`);
      if (!response.ok) throw new Error(`${name} answered ${response.status} for /openapi.json`);
      documents[name] = await response.json();
    }
    return documents;
  } finally {
    await Promise.allSettled(Object.values(servers).map((server) => server.close()));
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
