import { EnvValidationError, type EnvProblem } from '@houston/server-kit';

/** OIDC sign-in as the portal runs it; undefined when no issuer is configured. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** Undefined: a public client that proves itself with PKCE only. */
  clientSecret?: string;
  redirectUrl: string;
  scopes: string[];
  usernameClaim: string;
}

export interface OidcEnv {
  HOUSTON_PORTAL_OIDC_ISSUER?: string;
  HOUSTON_PORTAL_OIDC_CLIENT_ID?: string;
  HOUSTON_PORTAL_OIDC_CLIENT_SECRET?: string;
  HOUSTON_PORTAL_OIDC_REDIRECT_URL?: string;
  HOUSTON_PORTAL_OIDC_SCOPES: string[];
  HOUSTON_PORTAL_OIDC_USERNAME_CLAIM: string;
  HOUSTON_PORTAL_LOCAL_LOGIN: boolean;
}

export const OIDC_CALLBACK_PATH = '/api/oidc/callback';

/**
 * The OIDC settings checked together (each variable alone was checked by the env schema): an
 * issuer needs a client id and a redirect URL ending in the callback path; the scopes must ask
 * for `openid`; turning local sign-in off needs OIDC, or nobody could sign in.
 */
export function oidcSettingsOf(env: OidcEnv): OidcSettings | undefined {
  const problems: EnvProblem[] = [];
  const issuer = env.HOUSTON_PORTAL_OIDC_ISSUER;
  if (!issuer) {
    for (const name of [
      'HOUSTON_PORTAL_OIDC_CLIENT_ID',
      'HOUSTON_PORTAL_OIDC_CLIENT_SECRET',
      'HOUSTON_PORTAL_OIDC_REDIRECT_URL',
    ] as const) {
      if (env[name] !== undefined)
        problems.push({ name, reason: 'is set but HOUSTON_PORTAL_OIDC_ISSUER is not' });
    }
    if (!env.HOUSTON_PORTAL_LOCAL_LOGIN) {
      problems.push({
        name: 'HOUSTON_PORTAL_LOCAL_LOGIN',
        reason: 'is false but OIDC is not configured (HOUSTON_PORTAL_OIDC_ISSUER), so nobody could sign in',
      });
    }
    if (problems.length > 0) throw new EnvValidationError(problems);
    return undefined;
  }
  if (!env.HOUSTON_PORTAL_OIDC_CLIENT_ID) {
    problems.push({
      name: 'HOUSTON_PORTAL_OIDC_CLIENT_ID',
      reason: 'is required with HOUSTON_PORTAL_OIDC_ISSUER',
    });
  }
  if (!secureOrLoopback(issuer)) {
    problems.push({
      name: 'HOUSTON_PORTAL_OIDC_ISSUER',
      reason: 'must be https (http only on a loopback address)',
      shown: issuer,
    });
  }
  const redirectUrl = env.HOUSTON_PORTAL_OIDC_REDIRECT_URL;
  if (!redirectUrl) {
    problems.push({
      name: 'HOUSTON_PORTAL_OIDC_REDIRECT_URL',
      reason: `is required with HOUSTON_PORTAL_OIDC_ISSUER (the portal URL + ${OIDC_CALLBACK_PATH})`,
    });
  } else if (new URL(redirectUrl).pathname !== OIDC_CALLBACK_PATH) {
    problems.push({
      name: 'HOUSTON_PORTAL_OIDC_REDIRECT_URL',
      reason: `must end in ${OIDC_CALLBACK_PATH}, where the portal takes the answer`,
      shown: redirectUrl,
    });
  }
  if (!env.HOUSTON_PORTAL_OIDC_SCOPES.includes('openid')) {
    problems.push({
      name: 'HOUSTON_PORTAL_OIDC_SCOPES',
      reason: 'must include openid',
      shown: env.HOUSTON_PORTAL_OIDC_SCOPES.join(','),
    });
  }
  if (problems.length > 0) throw new EnvValidationError(problems);
  return {
    issuer,
    clientId: env.HOUSTON_PORTAL_OIDC_CLIENT_ID!,
    clientSecret: env.HOUSTON_PORTAL_OIDC_CLIENT_SECRET,
    redirectUrl: redirectUrl!,
    scopes: env.HOUSTON_PORTAL_OIDC_SCOPES,
    usernameClaim: env.HOUSTON_PORTAL_OIDC_USERNAME_CLAIM,
  };
}

/** Tokens and the client secret cross this connection: plain http only to this machine. */
function secureOrLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'https:') return true;
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
