import { ADMIN_SERVICE_ENV } from '@houston/admin-service';
import { CONFIG_SERVICE_ENV } from '@houston/config-service';
import { META_SERVER_ENV } from '@houston/meta-server';
import { PORTAL_ENV } from '@houston/portal';
import { bindHostEnv, RUNTIME_ENV } from '@houston/runtime';
import { renderEnvTable, SECRET_KEYS_ENV, type EnvSchema } from '@houston/server-kit';
import { ALL_IN_ONE_ENV } from '../all-in-one.env';

const EVERY_SERVER: EnvSchema = { ...RUNTIME_ENV, ...bindHostEnv('127.0.0.1') };
const only = (schema: EnvSchema, except: EnvSchema): EnvSchema =>
  Object.fromEntries(Object.entries(schema).filter(([name]) => !(name in except)));
const shared = (schema: EnvSchema) => Object.keys(schema).filter((name) => name in EVERY_SERVER);

/** One table per entry point, from the schemas the servers validate at start-up. */
export function envSections(): Array<{ name: string; title: string; schema: EnvSchema }> {
  // The portal binds like every server (its main adds HOUSTON_HOST) and shares a few runtime settings.
  const portalShared = shared({ ...PORTAL_ENV, ...bindHostEnv('') })
    .map((name) => `\`${name}\``)
    .join(', ');
  return [
    { name: 'every-server', title: 'Every server', schema: EVERY_SERVER },
    {
      name: 'config-service',
      title: 'config-service',
      schema: only(CONFIG_SERVICE_ENV, { ...EVERY_SERVER, ...SECRET_KEYS_ENV }),
    },
    {
      name: 'admin-service',
      title: 'admin-service',
      schema: only(ADMIN_SERVICE_ENV, { ...EVERY_SERVER, ...SECRET_KEYS_ENV }),
    },
    {
      name: 'secret-keys',
      title: 'admin-service and config-service: master keys of secret values',
      schema: SECRET_KEYS_ENV,
    },
    { name: 'meta-server', title: 'meta-server', schema: only(META_SERVER_ENV, EVERY_SERVER) },
    {
      name: 'portal',
      title: `portal (of the settings above it reads only ${portalShared})`,
      schema: only(PORTAL_ENV, EVERY_SERVER),
    },
    {
      name: 'all-in-one',
      title: 'npm start (all-in-one)',
      schema: only(ALL_IN_ONE_ENV, {
        ...EVERY_SERVER,
        ...CONFIG_SERVICE_ENV,
        ...ADMIN_SERVICE_ENV,
        ...META_SERVER_ENV,
        ...PORTAL_ENV,
      }),
    },
  ];
}

/**
 * The body of a `<!-- generated:env-table <name> -->` block: `all` gives every section under
 * its own heading (the top-level README), a section's name its table alone (an app's README).
 */
export function renderEnvBlock(name: string): string {
  const sections = envSections();
  if (name === 'all') {
    return sections.map((section) => `#### ${section.title}\n\n${renderEnvTable(section.schema)}`).join('\n');
  }
  const section = sections.find((candidate) => candidate.name === name);
  if (!section) {
    throw new Error(
      `no env table "${name}": use all, ${sections.map((candidate) => candidate.name).join(', ')}`,
    );
  }
  return renderEnvTable(section.schema);
}

/** Every README holding env tables; `npm run docs:env` rewrites them, a test checks them. */
export const ENV_TABLE_FILES = [
  'README.md',
  'apps/config-service/README.md',
  'apps/admin-service/README.md',
  'apps/meta-server/README.md',
  'apps/portal/README.md',
];
