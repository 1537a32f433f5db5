import { ADMIN_SERVICE_ENV } from '@houston/admin-service';
import { CONFIG_SERVICE_ENV } from '@houston/config-service';
import { PORTAL_ENV } from '@houston/portal';
import { bindHostEnv, RUNTIME_ENV } from '@houston/runtime';
import { envBool } from '@houston/server-kit';

/**
 * Everything `npm start` reads. Loopback by default: the embedded default is for one machine;
 * set HOUSTON_HOST=0.0.0.0 to serve others.
 */
export const ALL_IN_ONE_ENV = {
  ...RUNTIME_ENV,
  ...bindHostEnv('127.0.0.1'),
  ...CONFIG_SERVICE_ENV,
  ...ADMIN_SERVICE_ENV,
  ...PORTAL_ENV,
  HOUSTON_PORTAL_ENABLED: envBool({
    description:
      '`npm start` also runs the portal, with this process as its one environment `DEV` (unless HOUSTON_PORTAL_ENVS names others)',
    default: true,
  }),
};
