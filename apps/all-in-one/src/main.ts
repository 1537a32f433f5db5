import { EnvValidationError, installGracefulShutdown } from '@houston/server-kit';
import { startAllInOne, type RunningHouston } from './all-in-one';

async function start(): Promise<RunningHouston> {
  try {
    return await startAllInOne();
  } catch (error) {
    if (!(error instanceof EnvValidationError)) throw error;
    // A wrong setting stops start-up with the list of what is wrong, not a stack trace.
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

const houston = await start();
const { configUrl, adminUrl, portalUrl, adminTokenFile } = houston;
const token = adminTokenFile ? `$(cat ${adminTokenFile})` : '<one of HOUSTON_ADMIN_TOKENS>';
process.stdout.write(
  [
    '',
    'Houston is running (embedded default: SQLite under ./data, in-process discovery).',
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
    '',
    '',
  ].join('\n'),
);
installGracefulShutdown(houston, { timeoutMs: houston.shutdownTimeoutMs, logger: houston.runtime.logger });
