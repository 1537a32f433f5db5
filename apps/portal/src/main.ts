import { bindHostEnv, loadEnvOrExit } from '@houston/runtime';
import {
  createLogger,
  createMetricsRegistry,
  describeEnv,
  installGracefulShutdown,
  PinoNestLogger,
} from '@houston/server-kit';
import { PORTAL_ENV } from './portal.env';
import { startPortal } from './start-portal';

const schema = { ...PORTAL_ENV, ...bindHostEnv('127.0.0.1') };
const env = loadEnvOrExit(schema);
const logger = new PinoNestLogger(createLogger({ level: env.HOUSTON_LOG_LEVEL, name: 'portal' }));
logger.log({ msg: 'starting portal', env: describeEnv(env, schema) }, 'Main');
try {
  const portal = await startPortal(env, { logger, metrics: createMetricsRegistry() });
  installGracefulShutdown(portal, { timeoutMs: env.HOUSTON_SHUTDOWN_TIMEOUT, logger });
} catch (error) {
  logger.error(
    { msg: 'portal failed to start', error: String(error) },
    error instanceof Error ? error.stack : undefined,
    'Main',
  );
  process.exit(1);
}
