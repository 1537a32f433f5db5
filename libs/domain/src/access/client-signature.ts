import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Apollo's default tolerance between a client's `Timestamp` and the server clock. */
export const SIGNATURE_CLOCK_SKEW_MS = 60_000;
export const MAX_ACCESS_KEYS_PER_APP = 5;

/**
 * Apollo's client signature: Base64(HMAC-SHA1(secret, `${timestamp}\n${pathWithQuery}`)), where
 * `pathWithQuery` is the request path plus `?` and the raw query when there is one.
 */
export function signClientRequest(secret: string, timestampMs: string, pathWithQuery: string): string {
  return createHmac('sha1', Buffer.from(secret, 'utf8'))
    .update(`${timestampMs}\n${pathWithQuery}`)
    .digest('base64');
}

export function authorizationHeader(appId: string, signature: string): string {
  return `Apollo ${appId}:${signature}`;
}

export type SignatureVerdict = 'ok' | 'missing' | 'skewed' | 'mismatch';

export interface SignedRequest {
  appId: string;
  authorization: string | undefined;
  timestamp: string | undefined;
  pathWithQuery: string;
}

/**
 * Checks a request against every enabled secret of its app (several may be enabled while one is
 * rotated). The comparison takes the same time whether or not the signature is close.
 */
export function verifyClientSignature(
  request: SignedRequest,
  secrets: readonly string[],
  nowMs: number,
): SignatureVerdict {
  const prefix = `Apollo ${request.appId}:`;
  if (!request.authorization || !request.timestamp || !request.authorization.startsWith(prefix))
    return 'missing';
  const timestamp = Number(request.timestamp);
  if (!/^\d{1,16}$/.test(request.timestamp) || Math.abs(nowMs - timestamp) >= SIGNATURE_CLOCK_SKEW_MS)
    return 'skewed';
  const given = Buffer.from(request.authorization.slice(prefix.length));
  for (const secret of secrets) {
    const expected = Buffer.from(signClientRequest(secret, request.timestamp, request.pathWithQuery));
    if (expected.length === given.length && timingSafeEqual(expected, given)) return 'ok';
  }
  return 'mismatch';
}

/** A new secret: 32 hex characters, as Apollo's UUID-based ones. */
export function generateAccessKeySecret(): string {
  return randomBytes(16).toString('hex');
}

/** What listings show of a secret: enough to tell keys apart, not enough to use one. */
export function maskSecret(secret: string): string {
  return `${secret.slice(0, 4)}${'*'.repeat(Math.max(0, secret.length - 4))}`;
}
