import { describeStartupFailure, type StartupSettings } from '@houston/runtime';
import { installGracefulShutdown } from '@houston/server-kit';
import { startAllInOne, type RunningHouston } from './all-in-one';

async function start(): Promise<RunningHouston> {
  try {
    return await startAllInOne();
  } catch (error) {
    // A failed start-up is one line naming the setting at fault (never a password), not a stack trace.
    process.stderr.write(`houston: ${describeStartupFailure(error, allInOneSettings())}\n`);
    process.exit(1);
  }
}

/** The settings a failure may name, as given (the defaults where unset). */
function allInOneSettings(): StartupSettings {
  const port = (name: string, fallback: number) => {
    const value = Number(process.env[name] || fallback);
    return Number.isInteger(value) ? value : fallback;
  };
  return {
    HOUSTON_DB_URL: process.env['HOUSTON_DB_URL'] || 'sqlite:data/houston.sqlite',
    HOUSTON_REDIS_URL: process.env['HOUSTON_REDIS_URL'] || undefined,
    HOUSTON_DISCOVERY: process.env['HOUSTON_DISCOVERY'] || 'embedded',
    HOUSTON_CONSUL_URL: process.env['HOUSTON_CONSUL_URL'] || 'http://127.0.0.1:8500',
    HOUSTON_HOST: process.env['HOUSTON_HOST'] || '127.0.0.1',
    HOUSTON_CONFIG_PORT: port('HOUSTON_CONFIG_PORT', 8080),
    HOUSTON_ADMIN_PORT: port('HOUSTON_ADMIN_PORT', 8090),
  };
}

const houston = await start();
const { configUrl, adminUrl, portalUrl, adminTokenFile, secretKeyFile } = houston;
const token = adminTokenFile ? `$(cat ${adminTokenFile})` : '<one of HOUSTON_ADMIN_TOKENS>';
const discovery =
  houston.discovery === 'embedded' ? 'in-process discovery' : `${houston.discovery} discovery`;
process.stdout.write(
  [
    '',
    `Houston is running (database: ${houston.database}, ${discovery}).`,
    `  config-service + meta-server  ${configUrl}   (point Apollo clients here: meta / config URL)`,
    `  admin-service                 ${adminUrl}   (OpenAPI: ${adminUrl}/openapi.json)`,
    ...(portalUrl
      ? [
          `  portal                        ${portalUrl}   (environment DEV = this process)`,
          '      sign in as admin with HOUSTON_PORTAL_ADMIN_PASSWORD, or the password printed once above at first start',
        ]
      : []),
    '',
    adminTokenFile
      ? `  the admin-service takes calls with its service token only, kept in ${adminTokenFile}:`
      : '  the admin-service takes calls with one of HOUSTON_ADMIN_TOKENS only:',
    `  try: curl -X POST ${adminUrl}/apps -H "Authorization: Bearer ${token}" -H 'content-type: application/json' -H 'X-Operator: me' -d '{"appId":"demo","name":"Demo"}'`,
    ...(secretKeyFile
      ? [
          `  secret values and webhook signing keys are encrypted with the master key in ${secretKeyFile}:`,
          '  keep a copy with the database (production names its keys: HOUSTON_SECRET_KEYS or HOUSTON_SECRET_KEY_FILE)',
        ]
      : []),
    '',
    '',
  ].join('\n'),
);
installGracefulShutdown(houston, {
  timeoutMs: houston.shutdownTimeoutMs,
  drainMs: houston.shutdownDrainMs,
  readiness: houston.servers.map((server) => server.readiness),
  logger: houston.runtime.logger,
});
