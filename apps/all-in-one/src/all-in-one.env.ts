import { ADMIN_SERVICE_ENV } from '@houston/admin-service';
import { CONFIG_SERVICE_ENV } from '@houston/config-service';
import { bindHostEnv, RUNTIME_ENV } from '@houston/runtime';

/**
 * Everything `npm start` reads. Loopback by default: the embedded default is for one machine;
 * set HOUSTON_HOST=0.0.0.0 to serve others.
 */
export const ALL_IN_ONE_ENV = {
  ...RUNTIME_ENV,
  ...bindHostEnv('127.0.0.1'),
  ...CONFIG_SERVICE_ENV,
  ...ADMIN_SERVICE_ENV,
};
