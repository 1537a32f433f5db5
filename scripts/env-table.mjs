// Prints the environment variables of every Houston entry point as markdown tables, from the
// schemas the servers validate at start-up (so the README cannot drift from the code).
// Usage: npm run docs:env   (after a build)
import { renderEnvTable } from '../dist/libs/server-kit/src/index.js';
import { RUNTIME_ENV, bindHostEnv } from '../dist/libs/runtime/src/index.js';
import { CONFIG_SERVICE_ENV } from '../dist/apps/config-service/src/index.js';
import { ADMIN_SERVICE_ENV } from '../dist/apps/admin-service/src/index.js';
import { META_SERVER_ENV } from '../dist/apps/meta-server/src/index.js';
import { PORTAL_ENV } from '../dist/apps/portal/src/index.js';
import { ALL_IN_ONE_ENV } from '../dist/apps/all-in-one/src/all-in-one.env.js';

const sections = [
  ['Every server', { ...RUNTIME_ENV, ...bindHostEnv('0.0.0.0 (npm start: 127.0.0.1)') }],
  ['config-service', CONFIG_SERVICE_ENV],
  ['admin-service', ADMIN_SERVICE_ENV],
  ['meta-server', META_SERVER_ENV],
  [
    'portal (also reads `HOUSTON_HOST`, `HOUSTON_LOG_LEVEL`, `HOUSTON_SHUTDOWN_TIMEOUT`, `HOUSTON_BODY_LIMIT`)',
    Object.fromEntries(Object.entries(PORTAL_ENV).filter(([name]) => name.startsWith('HOUSTON_PORTAL_'))),
  ],
  ['npm start (all-in-one)', { HOUSTON_PORTAL_ENABLED: ALL_IN_ONE_ENV.HOUSTON_PORTAL_ENABLED }],
];
for (const [title, schema] of sections) {
  console.log(`#### ${title}\n\n${renderEnvTable(schema)}\n`);
}
