import { bindHostEnv, RUNTIME_ENV, runStandalone } from '@houston/runtime';
import { ADMIN_SERVICE_ENV } from './admin-service.env';
import { startAdminService } from './start-admin-service';

await runStandalone(
  'admin-service',
  { ...RUNTIME_ENV, ...bindHostEnv('127.0.0.1'), ...ADMIN_SERVICE_ENV },
  (runtime, env) => startAdminService(runtime, env),
);
