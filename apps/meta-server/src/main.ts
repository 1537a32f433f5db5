import { bindHostEnv, RUNTIME_ENV, runStandalone } from '@houston/runtime';
import { META_SERVER_ENV } from './meta-server.env';
import { startMetaServer } from './start-meta-server';

await runStandalone(
  'meta-server',
  { ...RUNTIME_ENV, ...bindHostEnv('127.0.0.1'), ...META_SERVER_ENV },
  startMetaServer,
);
