import { startAdminService } from '@houston/admin-service';
import { ConfigServiceLifecycle, startConfigService } from '@houston/config-service';
import { SERVICE_NAMES } from '@houston/discovery';
import { MetaServerModule } from '@houston/meta-server';
import { openRuntime, type RunningServer, type Runtime } from '@houston/runtime';
import { describeEnv, loadEnv } from '@houston/server-kit';
import { ALL_IN_ONE_ENV } from './all-in-one.env';

export interface RunningHouston {
  /** config-service, which also answers the meta-server API (clients' meta URL). */
  configUrl: string;
  adminUrl: string;
  runtime: Runtime;
  servers: RunningServer[];
  shutdownTimeoutMs: number;
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
  const env = loadEnv(ALL_IN_ONE_ENV, { ...process.env, ...overrides });
  const runtime = await openRuntime(env, 'houston');
  runtime.logger.log({ msg: 'starting houston (all in one)', env: describeEnv(env, ALL_IN_ONE_ENV) }, 'Main');
  const servers: RunningServer[] = [];
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
          ? {}
          : { onReleaseMessage: () => configService.releaseMessageCommitted() },
      ),
    );
  } catch (error) {
    await Promise.allSettled(servers.map((server) => server.close()));
    await runtime.close();
    throw error;
  }
  const [config, admin] = servers as [RunningServer, RunningServer];
  let closing: Promise<void> | undefined;
  return {
    configUrl: config.url,
    adminUrl: admin.url,
    runtime,
    servers,
    shutdownTimeoutMs: env.HOUSTON_SHUTDOWN_TIMEOUT,
    close: () =>
      (closing ??= (async () => {
        await Promise.all(servers.map((server) => server.close()));
        await runtime.close();
      })()),
  };
}
