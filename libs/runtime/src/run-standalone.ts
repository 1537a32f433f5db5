import { describeEnv, installGracefulShutdown, type EnvSchema, type EnvValues } from '@houston/server-kit';
import { loadEnvOrExit } from './load-env-or-exit';
import { describeStartupFailure, type StartupSettings } from './startup-failure';
import { openRuntime, type Runtime, type RuntimeEnv } from './runtime';
import type { RunningServer } from './start-server';

/**
 * The whole life of a one-server process: validate the environment, open the database and
 * discovery, start, and on SIGTERM leave discovery, release held requests and close in order.
 */
export async function runStandalone<S extends EnvSchema>(
  name: string,
  schema: S,
  start: (runtime: Runtime, env: EnvValues<S>) => Promise<RunningServer>,
): Promise<void> {
  const env = loadEnvOrExit(schema);
  const settings = env as unknown as RuntimeEnv;
  let runtime: Runtime | undefined;
  let server: RunningServer;
  try {
    runtime = await openRuntime(settings, name);
    runtime.logger.log({ msg: `starting ${name}`, env: describeEnv(env, schema) }, 'Main');
    server = await start(runtime, env);
  } catch (error) {
    // One line naming the setting at fault (never a password), not a stack trace.
    process.stderr.write(
      `${name}: ${describeStartupFailure(error, settings as unknown as StartupSettings)}\n`,
    );
    await runtime?.close().catch(() => undefined);
    process.exit(1);
  }
  const started = runtime;
  const everything = {
    async close() {
      await server.close();
      await started.close();
    },
  };
  installGracefulShutdown(everything, {
    timeoutMs: settings.HOUSTON_SHUTDOWN_TIMEOUT,
    drainMs: settings.HOUSTON_SHUTDOWN_DRAIN,
    readiness: server.readiness,
    logger: started.logger,
  });
}
