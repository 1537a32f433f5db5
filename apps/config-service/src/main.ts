import { bindHostEnv, RUNTIME_ENV, runStandalone } from '@houston/runtime';
import { CONFIG_SERVICE_ENV } from './config-service.env';
import { startConfigService } from './start-config-service';

await runStandalone(
  'config-service',
  { ...RUNTIME_ENV, ...bindHostEnv('127.0.0.1'), ...CONFIG_SERVICE_ENV },
  startConfigService,
);
