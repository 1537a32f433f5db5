import * as client from 'openid-client';
import type { OidcIdentity } from './oidc-accounts';
import type { OidcSettings } from './oidc-settings';
import { OIDC_TRANSACTION_TTL_MS, type OidcTransaction } from './oidc-transaction';

/** Why a sign-in answer was refused: a bad or replayed answer (400), or an unreachable issuer (503). */
export class OidcSignInError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 503,
  ) {
    super(message);
  }
}

export interface OidcClientOptions {
  /** Per request to the issuer. */
  timeoutMs: number;
  now?: () => number;
}

/**
 * The authorization code flow with PKCE, state and nonce, through `openid-client`. The issuer's
 * metadata is read on first use and kept; a failed read is tried again on the next sign-in, so a
 * portal started while the issuer is down still serves local sign-in and recovers by itself.
 */
export class OidcClient {
  private configuration?: Promise<client.Configuration>;
  private readonly now: () => number;

  constructor(
    readonly settings: OidcSettings,
    private readonly options: OidcClientOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Where to send the browser, and what to remember until it comes back. */
  async start(returnTo: string): Promise<{ url: string; transaction: OidcTransaction }> {
    const config = await this.config();
    const codeVerifier = client.randomPKCECodeVerifier();
    const transaction: OidcTransaction = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier,
      returnTo,
      expiresAt: this.now() + OIDC_TRANSACTION_TTL_MS,
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUrl,
      scope: this.settings.scopes.join(' '),
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: transaction.state,
      nonce: transaction.nonce,
    });
    return { url: url.href, transaction };
  }

  /**
   * Checks the issuer's answer against the transaction (state, then the code exchanged with the
   * PKCE verifier, the ID token's signature, audience and nonce) and says who signed in.
   */
  async finish(query: string, transaction: OidcTransaction): Promise<OidcIdentity> {
    const config = await this.config();
    const callback = new URL(this.settings.redirectUrl);
    callback.search = query;
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: transaction.codeVerifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw refusal(error);
    }
    const idClaims = tokens.claims();
    if (!idClaims) throw new OidcSignInError('the identity provider sent no ID token', 400);
    let claims: Record<string, unknown> = { ...idClaims };
    const claim = this.settings.usernameClaim;
    if (typeof claims[claim] !== 'string') {
      // Many providers put profile claims in the userinfo answer only.
      try {
        const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        claims = { ...info, ...claims };
      } catch (error) {
        throw refusal(error);
      }
    }
    const username = claims[claim];
    if (typeof username !== 'string' || username === '') {
      throw new OidcSignInError(`the identity provider sent no ${claim} claim to use as the user name`, 400);
    }
    return {
      issuer: String(idClaims.iss),
      subject: idClaims.sub,
      username,
      displayName: typeof claims['name'] === 'string' ? claims['name'] : undefined,
      email: typeof claims['email'] === 'string' ? claims['email'] : undefined,
    };
  }

  private config(): Promise<client.Configuration> {
    this.configuration ??= client
      .discovery(new URL(this.settings.issuer), this.settings.clientId, undefined, this.clientAuth(), {
        timeout: Math.max(1, Math.ceil(this.options.timeoutMs / 1000)),
        // An http issuer is allowed on loopback only (checked with the settings).
        execute: new URL(this.settings.issuer).protocol === 'http:' ? [client.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw new OidcSignInError(`the identity provider cannot be reached: ${messageOf(error)}`, 503);
      });
    return this.configuration;
  }

  private clientAuth(): client.ClientAuth {
    return this.settings.clientSecret ? client.ClientSecretBasic(this.settings.clientSecret) : client.None();
  }
}

function refusal(error: unknown): OidcSignInError {
  if (error instanceof OidcSignInError) return error;
  const unreachable =
    error instanceof TypeError ||
    (error instanceof Error && /timeout|abort|fetch failed/i.test(error.name + error.message));
  return new OidcSignInError(`sign-in refused: ${messageOf(error)}`, unreachable ? 503 : 400);
}

/** openid-client's messages are generic; the cause names the parameter or claim that failed. */
function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error && cause.message !== error.message
    ? `${error.message} (${cause.message})`
    : error.message;
}
