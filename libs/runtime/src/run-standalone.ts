import { describeEnv, installGracefulShutdown, type EnvSchema, type EnvValues } from '@houston/server-kit';
import { loadEnvOrExit } from './load-env-or-exit';
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
  const runtime = await openRuntime(env as unknown as RuntimeEnv, name);
  runtime.logger.log({ msg: `starting ${name}`, env: describeEnv(env, schema) }, 'Main');
  let server: RunningServer;
  try {
    server = await start(runtime, env);
  } catch (error) {
    runtime.logger.error(
      { msg: `${name} failed to start`, error: String(error) },
      error instanceof Error ? error.stack : undefined,
      'Main',
    );
    await runtime.close().catch(() => undefined);
    process.exit(1);
  }
  const everything = {
    async close() {
      await server.close();
      await runtime.close();
    },
  };
  installGracefulShutdown(everything, {
    timeoutMs: (env as unknown as RuntimeEnv).HOUSTON_SHUTDOWN_TIMEOUT,
    logger: runtime.logger,
  });
}
