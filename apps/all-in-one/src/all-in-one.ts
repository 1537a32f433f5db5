import { join } from 'node:path';
import { startAdminService } from '@houston/admin-service';
import { ConfigServiceLifecycle, startConfigService } from '@houston/config-service';
import { SERVICE_NAMES } from '@houston/discovery';
import { MetaServerModule } from '@houston/meta-server';
import { startPortal, type RunningPortal } from '@houston/portal';
import { checkSqliteDirectory, openRuntime, type RunningServer, type Runtime } from '@houston/runtime';
import { describeDatabaseUrl } from '@houston/persistence';
import { describeEnv, loadEnv } from '@houston/server-kit';
import { embeddedAdminToken } from './admin-token-file';
import { dataDirOf, embeddedPortalDatabase, embeddedSecretKeyFile, sqliteFileOf } from './embedded-files';
import { ALL_IN_ONE_ENV } from './all-in-one.env';

export interface RunningHouston {
  /** config-service, which also answers the meta-server API (clients' meta URL). */
  configUrl: string;
  adminUrl: string;
  /** The portal, with this process as its environment `DEV` (unless HOUSTON_PORTAL_ENABLED=false). */
  portalUrl?: string;
  /** Where the generated admin-service token is kept (unset when HOUSTON_ADMIN_TOKENS is given). */
  adminTokenFile?: string;
  /** The master key file the embedded default made or found (no key was named). */
  secretKeyFile?: string;
  runtime: Runtime;
  servers: RunningServer[];
  shutdownTimeoutMs: number;
  /** Readiness turns 503 this long before the servers close (HOUSTON_SHUTDOWN_DRAIN). */
  shutdownDrainMs: number;
  /** Where the data lives, password masked (for the banner). */
  database: string;
  discovery: string;
  /** Releases held long polls with 304, leaves discovery, closes servers, then the database. */
  close(): Promise<void>;
}

export interface AllInOneOptions {
  /**
   * The admin-service tells the config-service of each release directly (default). Off, releases
   * reach it by its scan of the ReleaseMessage table only, as they reach other processes.
   */
  inProcessHint?: boolean;
}

/**
 * config-service (with the meta-server API on its port, as Apollo's config service does) and
 * admin-service in one process on one database: the embedded default behind `npm start`.
 */
export async function startAllInOne(
  overrides: Record<string, string> = {},
  options: AllInOneOptions = {},
): Promise<RunningHouston> {
  const given = { ...process.env, ...overrides };
  const loaded = loadEnv(ALL_IN_ONE_ENV, given);
  // The folder of the SQLite file (or data/): where the token, the key and the portal's database go.
  const dataDir = dataDirOf(loaded.HOUSTON_DB_URL);
  const secretKeyFile = embeddedSecretKeysFor(loaded.HOUSTON_DB_URL, dataDir, given);
  const env = secretKeyFile
    ? loadEnv(ALL_IN_ONE_ENV, { ...given, HOUSTON_SECRET_KEY_FILE: secretKeyFile })
    : loaded;
  const runtime = await openRuntime(env, 'houston');
  runtime.logger.log({ msg: 'starting houston (all in one)', env: describeEnv(env, ALL_IN_ONE_ENV) }, 'Main');
  const servers: RunningServer[] = [];
  // The admin-service takes no call without a service token: the embedded default makes one
  // (kept next to its data) unless HOUSTON_ADMIN_TOKENS names them, and hands it to the portal.
  const adminTokenFile = env.HOUSTON_ADMIN_TOKENS.length === 0 ? join(dataDir, 'admin-token') : undefined;
  const accessTokens = adminTokenFile ? [embeddedAdminToken(adminTokenFile)] : env.HOUSTON_ADMIN_TOKENS;
  let portal: RunningPortal | undefined;
  try {
    servers.push(
      await startConfigService(runtime, env, {
        extraModules: [MetaServerModule.register({ registry: runtime.registry })],
        serviceNames: [SERVICE_NAMES.config, SERVICE_NAMES.meta],
      }),
    );
    // Same process: the admin-service tells the config-service of each release directly, so a
    // client (or curl) reading right after a publish sees it without waiting for the next scan.
    const configService = servers[0]!.app.get(ConfigServiceLifecycle);
    servers.push(
      await startAdminService(
        runtime,
        env,
        options.inProcessHint === false
          ? { accessTokens }
          : { onReleaseMessage: () => configService.releaseMessageCommitted(), accessTokens },
      ),
    );
    if (env.HOUSTON_PORTAL_ENABLED) {
      portal = await startPortal(
        {
          ...env,
          HOUSTON_PORTAL_ENVS:
            env.HOUSTON_PORTAL_ENVS.length > 0
              ? env.HOUSTON_PORTAL_ENVS
              : [{ name: 'DEV', metaServerUrls: [servers[0]!.url] }],
          HOUSTON_PORTAL_ADMIN_TOKEN: env.HOUSTON_PORTAL_ADMIN_TOKEN ?? accessTokens[0],
          HOUSTON_PORTAL_DB_URL: given['HOUSTON_PORTAL_DB_URL']
            ? env.HOUSTON_PORTAL_DB_URL
            : embeddedPortalDatabase(dataDir, (msg) => runtime.logger.warn({ msg }, 'Main')),
        },
        { logger: runtime.logger, metrics: runtime.metrics },
      );
    }
  } catch (error) {
    await portal?.close();
    await Promise.allSettled(servers.map((server) => server.close()));
    await runtime.close();
    throw error;
  }
  const [config, admin] = servers as [RunningServer, RunningServer];
  let closing: Promise<void> | undefined;
  return {
    configUrl: config.url,
    adminUrl: admin.url,
    portalUrl: portal?.url,
    adminTokenFile,
    secretKeyFile,
    runtime,
    servers,
    shutdownTimeoutMs: env.HOUSTON_SHUTDOWN_TIMEOUT,
    shutdownDrainMs: env.HOUSTON_SHUTDOWN_DRAIN,
    database: describeDatabaseUrl(env.HOUSTON_DB_URL),
    discovery: env.HOUSTON_DISCOVERY,
    close: () =>
      (closing ??= (async () => {
        await portal?.close();
        await Promise.all(servers.map((server) => server.close()));
        await runtime.close();
      })()),
  };
}

/**
 * The embedded master key file (`embeddedSecretKeyFile`) when the configuration lives in a SQLite
 * file and neither HOUSTON_SECRET_KEYS nor HOUSTON_SECRET_KEY_FILE is given (an empty
 * HOUSTON_SECRET_KEYS says "no keys"): the embedded default stores secrets out of the box.
 */
function embeddedSecretKeysFor(
  databaseUrl: string,
  dataDir: string,
  given: NodeJS.ProcessEnv,
): string | undefined {
  const named = given['HOUSTON_SECRET_KEYS'] !== undefined || given['HOUSTON_SECRET_KEY_FILE'] !== undefined;
  if (named || !sqliteFileOf(databaseUrl)) return undefined;
  // Made before the database is opened: a sqlite: path in a folder that does not exist is refused
  // first (a typo must not start an empty installation), not created here for the key.
  checkSqliteDirectory(databaseUrl);
  return embeddedSecretKeyFile(dataDir);
}
