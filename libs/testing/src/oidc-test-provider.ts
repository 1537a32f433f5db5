import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  provider: Provider;
  /** The portal settings that sign in through this provider, for a portal served at `origin`. */
  portalSettings(origin: string): Record<string, string>;
  close(): Promise<void>;
}

/**
 * A real OIDC provider (`oidc-provider`) on a free loopback port, with its development login and
 * consent pages: any login name signs in, and its claims are made from the name
 * (`preferred_username`, `name`, `email`). Its signing key is made here, for this run only.
 */
export async function startTestOidcProvider(redirectUris: string[]): Promise<TestOidcProvider> {
  const server: Server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const clientId = 'houston-portal';
  const clientSecret = randomBytes(24).toString('base64url');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], profile: ['preferred_username', 'name'], email: ['email'] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, preferred_username: id, name: `User ${id}`, email: `${id}@example.test` }),
    }),
  });
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    provider,
    portalSettings: (origin) => ({
      HOUSTON_PORTAL_OIDC_ISSUER: issuer,
      HOUSTON_PORTAL_OIDC_CLIENT_ID: clientId,
      HOUSTON_PORTAL_OIDC_CLIENT_SECRET: clientSecret,
      HOUSTON_PORTAL_OIDC_REDIRECT_URL: `${origin}/api/oidc/callback`,
    }),
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
