import { createHmac } from 'node:crypto';

/** Apollo's access-key signature: Base64(HMAC-SHA1(secret, `${timestamp}\n${pathWithQuery}`)). */
export function signature(secret: string, timestamp: number | string, pathWithQuery: string): string {
  return createHmac('sha1', Buffer.from(secret, 'utf8'))
    .update(`${timestamp}\n${pathWithQuery}`)
    .digest('base64');
}

/** The `Authorization` and `Timestamp` headers Apollo's ClientAuthenticationFilter checks. */
export function signedHeaders(
  appId: string,
  secret: string,
  url: string,
  now: number = Date.now(),
): { Authorization: string; Timestamp: string } {
  const parsed = new URL(url);
  const timestamp = String(now);
  return {
    Authorization: `Apollo ${appId}:${signature(secret, timestamp, parsed.pathname + parsed.search)}`,
    Timestamp: timestamp,
  };
}
