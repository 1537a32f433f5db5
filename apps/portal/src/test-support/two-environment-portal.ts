import { PortalClient } from './portal-client';
import { startPortalTestServer, TEST_ADMIN, type PortalTestServer } from './portal-test-server';
import { startTwoEnvironments, type TwoEnvironments } from './two-environments';

/** The password the fixture gives each user it makes. */
export const userPassword = (name: string) => `${name}-long-password`;

export interface TwoEnvironmentPortal {
  environments: TwoEnvironments;
  portal: PortalTestServer;
  /** The first administrator, signed in. */
  admin: PortalClient;
  /** The administrator (`admin`) and every user asked for, each signed in. */
  as: Record<string, PortalClient>;
  stop(): Promise<void>;
}

export interface TwoEnvironmentPortalOptions {
  /** Settings of both Houston processes (e.g. `HOUSTON_SECRET_KEYS`). */
  houston?: Record<string, string>;
  /** The portal's settings besides its environments; `HOUSTON_PORTAL_ENV_TIMEOUT` is 5 s unless given. */
  portal?: Record<string, string>;
  fetchImpl?: typeof fetch;
  /** Users the administrator makes (password `userPassword(name)`), signed in, in this order. */
  users?: string[];
  /** Apps the administrator makes in DEV and in PRO, after the users (so they may own them). */
  apps?: Array<{ appId: string; name?: string; ownerName?: string }>;
}

/**
 * The portal over two environments (DEV and PRO, each the `npm start` process on its own SQLite
 * file, and OFF that cannot be reached; see `startTwoEnvironments`), with the administrator signed
 * in and the users and apps a suite starts from. Anything refused while setting up fails the suite
 * naming the request.
 */
export async function startTwoEnvironmentPortal(
  options: TwoEnvironmentPortalOptions = {},
): Promise<TwoEnvironmentPortal> {
  const environments = await startTwoEnvironments(options.houston ?? {});
  let portal: PortalTestServer | undefined;
  try {
    portal = await startPortalTestServer(
      {
        HOUSTON_PORTAL_ENVS: environments.portalEnvs,
        HOUSTON_PORTAL_ENV_TIMEOUT: '5s',
        ...options.portal,
      },
      { fetchImpl: options.fetchImpl },
    );
    const admin = await PortalClient.signedIn(portal.url, TEST_ADMIN.username, TEST_ADMIN.password);
    const as: Record<string, PortalClient> = { admin };
    const made = (what: string, answer: { status: number; body: unknown }) => {
      if (answer.status !== 201) {
        throw new Error(`setting up: ${what} answered ${answer.status} ${JSON.stringify(answer.body)}`);
      }
    };
    for (const name of options.users ?? []) {
      made(`user ${name}`, await admin.post('/api/users', { username: name, password: userPassword(name) }));
      as[name] = await PortalClient.signedIn(portal.url, name, userPassword(name));
    }
    for (const env of ['DEV', 'PRO']) {
      for (const app of options.apps ?? []) {
        const body = { name: app.appId, ...app };
        made(`app ${app.appId} in ${env}`, await admin.post(`/api/envs/${env}/apps`, body));
      }
    }
    const running = portal;
    return {
      environments,
      portal: running,
      admin,
      as,
      async stop() {
        await running.close();
        await environments.stop();
      },
    };
  } catch (error) {
    await portal?.close();
    await environments.stop();
    throw error;
  }
}
