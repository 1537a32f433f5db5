import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What the portal must remember between sending the browser to the issuer and its coming back:
 * the PKCE verifier, state and nonce. Kept in the browser itself, in an HttpOnly cookie signed
 * with the session key, so no server-side storage is needed and a forged one is refused.
 */
export interface OidcTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** A path on the portal to land on after sign-in. */
  returnTo: string;
  /** Epoch milliseconds after which the sign-in must start again. */
  expiresAt: number;
}

export const OIDC_COOKIE = 'houston_portal_oidc';
/** Long enough to sign in at the issuer, short enough that a stale cookie is useless. */
export const OIDC_TRANSACTION_TTL_MS = 10 * 60_000;

export function sealTransaction(transaction: OidcTransaction, secret: string): string {
  const payload = Buffer.from(JSON.stringify(transaction)).toString('base64url');
  return `${payload}.${mac(payload, secret)}`;
}

/** The transaction when the cookie is the portal's and not expired; undefined otherwise. */
export function openTransaction(
  value: string | undefined,
  secret: string,
  now = Date.now(),
): OidcTransaction | undefined {
  if (!value || value.length > 4096) return undefined;
  const dot = value.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const payload = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(mac(payload, secret));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const t = parsed as Partial<OidcTransaction>;
  const strings = [t.state, t.nonce, t.codeVerifier, t.returnTo].every((v) => typeof v === 'string');
  if (!strings || typeof t.expiresAt !== 'number' || t.expiresAt <= now) return undefined;
  return t as OidcTransaction;
}

/**
 * Only a path on the portal itself: `/x` but not `//evil.example` or `/\evil.example`, which
 * browsers read as another host (an open redirect otherwise).
 */
export function safeReturnTo(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 1024) return '/';
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  if ([...raw].some((c) => c === '\\' || c.charCodeAt(0) < 0x20)) return '/';
  return raw;
}

export function transactionCookie(value: string, secure: boolean): string {
  const maxAge = value === '' ? 0 : Math.floor(OIDC_TRANSACTION_TTL_MS / 1000);
  // Lax: the issuer sends the browser back with a top-level GET, which carries Lax cookies.
  return [
    `${OIDC_COOKIE}=${value}`,
    'Path=/api/oidc',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAge}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

function mac(payload: string, secret: string): string {
  // A purpose prefix keeps a session signature from ever verifying as a transaction.
  return createHmac('sha256', secret).update(`oidc-transaction:${payload}`).digest('base64url');
}
