import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../errors/domain-error';

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

/**
 * Apollo 2.4's access key modes. A FILTER key is enforced: requests without a valid signature
 * are refused. An OBSERVER key is checked and a mismatch only reported, so that keys can be
 * rolled out to clients before anything is refused. While an app has any enabled FILTER key
 * its OBSERVER keys are not consulted (as in Apollo).
 */
export const ACCESS_KEY_MODE = { FILTER: 0, OBSERVER: 1 } as const;
export type AccessKeyMode = (typeof ACCESS_KEY_MODE)[keyof typeof ACCESS_KEY_MODE];

/** The `mode` of an enable call: absent means FILTER, as in Apollo. */
export function parseAccessKeyMode(raw: string | number | undefined): AccessKeyMode {
  if (raw === undefined || raw === '') return ACCESS_KEY_MODE.FILTER;
  const text = String(raw).trim();
  if (text === '0' || text.toUpperCase() === 'FILTER') return ACCESS_KEY_MODE.FILTER;
  if (text === '1' || text.toUpperCase() === 'OBSERVER') return ACCESS_KEY_MODE.OBSERVER;
  throw new DomainError('VALIDATION_FAILED', 'mode must be 0 (FILTER) or 1 (OBSERVER)', {
    field: 'mode',
    value: raw,
  });
}
