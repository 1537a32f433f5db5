import { envDatabaseUrl, RUNTIME_ENV } from '@houston/runtime';
import {
  formatPortalEnvironments,
  parsePortalEnvironments,
  type PortalEnvironment,
} from './environments/portal-environments';
import {
  envBool,
  envDurationMs,
  envInt,
  envList,
  envOptional,
  envPort,
  envString,
  envUrl,
  type EnvSpec,
  type EnvValues,
} from '@houston/server-kit';

function portalEnvironments(): EnvSpec<PortalEnvironment[]> {
  return {
    description:
      'Environments and their meta-servers: `DEV=http://meta1:8080,http://meta2:8080;PRO=http://meta3:8080` (unset: none)',
    default: [],
    parse: parsePortalEnvironments,
    format: formatPortalEnvironments,
  };
}

/** OIDC sign-in (all unset: local accounts only); checked together by oidcSettingsOf. */
const OIDC_ENV = {
  HOUSTON_PORTAL_OIDC_ISSUER: envOptional(
    envUrl({
      description:
        'OIDC sign-in: the issuer URL (its `/.well-known/openid-configuration` is read); unset: no OIDC',
      protocols: ['https', 'http'],
    }),
  ),
  HOUSTON_PORTAL_OIDC_CLIENT_ID: envOptional(
    envString({
      description: "OIDC sign-in: the portal's client id at the issuer (required with the issuer)",
    }),
  ),
  HOUSTON_PORTAL_OIDC_CLIENT_SECRET: envOptional(
    envString({
      description: "OIDC sign-in: the portal's client secret (unset: a public client, PKCE only)",
      sensitive: true,
    }),
  ),
  HOUSTON_PORTAL_OIDC_REDIRECT_URL: envOptional(
    envUrl({
      description:
        'OIDC sign-in: where the issuer sends the browser back, the portal URL + `/api/oidc/callback` (required with the issuer)',
      protocols: ['https', 'http'],
    }),
  ),
  HOUSTON_PORTAL_OIDC_SCOPES: envList({
    description: 'OIDC sign-in: scopes asked for (must include `openid`)',
    default: ['openid', 'profile', 'email'],
  }),
  HOUSTON_PORTAL_OIDC_USERNAME_CLAIM: envString({
    description:
      'OIDC sign-in: the claim that becomes the portal user name (from the ID token, else the userinfo endpoint)',
    default: 'preferred_username',
    pattern: /[A-Za-z0-9_:.-]{1,128}/,
    patternHint: 'a claim name',
  }),
  HOUSTON_PORTAL_LOCAL_LOGIN: envBool({
    description:
      'Sign-in with local accounts and passwords (`POST /api/login`); `false` leaves OIDC only (needs the issuer)',
    default: true,
  }),
};

/** What the portal reads. Configuration itself stays in each environment's admin-service. */
export const PORTAL_ENV = {
  HOUSTON_PORTAL_PORT: envPort({ description: 'Portal port (0 = any free port)', default: 8070 }),
  HOUSTON_PORTAL_DB_URL: envDatabaseUrl({
    description:
      "The portal's own database (people, sessions, roles): `sqlite:<path>` or `mysql://user:password@host:3306/database`; `npm start` puts it beside its SQLite file unless this is set",
    default: 'sqlite:data/portal.sqlite',
  }),
  HOUSTON_PORTAL_DB_POOL_SIZE: envInt({
    description: 'Portal: MySQL connections per process',
    default: 10,
    min: 1,
    max: 200,
  }),
  HOUSTON_PORTAL_ADMIN_USER: envString({
    description: 'The first administrator, created at first start when the portal has no users',
    default: 'admin',
    pattern: /[A-Za-z0-9][A-Za-z0-9._@-]{0,63}/,
    patternHint: 'a user name of letters, digits, `.`, `_`, `@`, `-` (at most 64)',
  }),
  HOUSTON_PORTAL_ADMIN_PASSWORD: envOptional(
    envString({
      description:
        "The first administrator's password; unset: a one-time password is generated and printed once at first start",
      sensitive: true,
      pattern: /.{12,128}/,
      patternHint: '12 to 128 characters',
    }),
  ),
  HOUSTON_PORTAL_SESSION_SECRET: envOptional(
    envString({
      description:
        'Key that signs session cookies (32+ characters); unset: one is generated and kept in the portal database.',
      sensitive: true,
      pattern: /.{32,1024}/,
      patternHint: '32 to 1024 characters',
    }),
  ),
  HOUSTON_PORTAL_SESSION_TTL: envDurationMs({
    description: 'A session ends this long after sign-in',
    default: 8 * 3_600_000,
    min: 60_000,
    max: 30 * 24 * 3_600_000,
  }),
  HOUSTON_PORTAL_COOKIE_SECURE: envBool({
    description: 'Mark the session cookie `Secure` (set it when the portal is served over HTTPS)',
    default: false,
  }),
  HOUSTON_PORTAL_LOGIN_ATTEMPTS: envInt({
    description: 'Failed sign-ins allowed per user name and address within the window; then 429',
    default: 5,
    min: 1,
    max: 1000,
  }),
  HOUSTON_PORTAL_LOGIN_WINDOW: envDurationMs({
    description: 'The window failed sign-ins are counted in',
    default: 15 * 60_000,
    min: 1_000,
  }),
  HOUSTON_PORTAL_ENVS: portalEnvironments(),
  HOUSTON_PORTAL_ENV_TIMEOUT: envDurationMs({
    description: 'How long the portal waits for one meta-server or admin-service before trying the next',
    default: 3_000,
    min: 100,
    max: 120_000,
  }),
  HOUSTON_PORTAL_DISCOVERY_TTL: envDurationMs({
    description:
      "How long an environment's list of admin-services is reused before its meta-server is asked again",
    default: 10_000,
    min: 0,
  }),
  HOUSTON_PORTAL_ADMIN_TOKEN: envOptional(
    envString({
      description:
        "The service token the portal sends to every environment's admin-service (one of their HOUSTON_ADMIN_TOKENS)",
      sensitive: true,
    }),
  ),
  HOUSTON_PORTAL_MEMBER_ONLY_ENVS: envList({
    description:
      'Environments where only members of an app (anyone holding a role on it) see its values, e.g. `PRO`',
    default: [],
    item: (name) => name.toUpperCase(),
  }),
  HOUSTON_PORTAL_REDIS_URL: envOptional(
    envUrl({
      description:
        'Redis for portal sessions (`redis://host:6379/0`), shared by every portal instance; unset: sessions are kept in the portal database',
      protocols: ['redis', 'rediss'],
      example: 'redis://127.0.0.1:6379',
    }),
  ),
  HOUSTON_PORTAL_REDIS_TIMEOUT: envDurationMs({
    description: 'Bounds connecting to Redis and each session lookup there',
    default: 2_000,
    min: 50,
    max: 60_000,
  }),
  HOUSTON_PORTAL_REVIEW_ENVS: envList({
    description:
      "Environments where a release becomes a review request another person with release permission approves, e.g. `UAT,PRO` (an app's master may turn it on or off per environment)",
    default: [],
    item: (name) => name.toUpperCase(),
  }),
  HOUSTON_PORTAL_EMERGENCY_PUBLISH_ENVS: envList({
    description:
      "Environments where a releaser may publish without review by sending `isEmergencyPublish: true` (Apollo's `emergencyPublish.supported.envs`)",
    default: [],
    item: (name) => name.toUpperCase(),
  }),
  ...OIDC_ENV,
  HOUSTON_PORTAL_IMPORT_MAX_BYTES: envInt({
    description: 'Import: the largest zip accepted (413 beyond, before it is read)',
    default: 10 * 1024 * 1024,
    min: 1024,
    max: 1024 * 1024 * 1024,
  }),
  HOUSTON_PORTAL_IMPORT_MAX_ENTRIES: envInt({
    description: 'Import: the most entries a zip may hold (413 beyond)',
    default: 10_000,
    min: 1,
    max: 1_000_000,
  }),
  HOUSTON_PORTAL_IMPORT_MAX_ENTRY_BYTES: envInt({
    description:
      'Import: the most bytes one entry may inflate to, counted as it inflates (413 beyond: zip bombs stop here)',
    default: 4 * 1024 * 1024,
    min: 1024,
    max: 1024 * 1024 * 1024,
  }),
  HOUSTON_PORTAL_IMPORT_MAX_TOTAL_BYTES: envInt({
    description: 'Import: the most bytes all entries together may inflate to (413 beyond)',
    default: 64 * 1024 * 1024,
    min: 1024,
    max: 4 * 1024 * 1024 * 1024,
  }),
  HOUSTON_LOG_LEVEL: RUNTIME_ENV.HOUSTON_LOG_LEVEL,
  HOUSTON_SHUTDOWN_TIMEOUT: RUNTIME_ENV.HOUSTON_SHUTDOWN_TIMEOUT,
  HOUSTON_BODY_LIMIT: RUNTIME_ENV.HOUSTON_BODY_LIMIT,
  HOUSTON_BODY_BYTES_IN_FLIGHT: RUNTIME_ENV.HOUSTON_BODY_BYTES_IN_FLIGHT,
};

export type PortalEnv = EnvValues<typeof PORTAL_ENV> & { HOUSTON_HOST: string };
