/** Field names that carry a webhook's signing secret. */
const SECRET_FIELDS = new Set(['secret', 'signingSecret', 'secretCiphertext']);

/**
 * A webhook answer without any signing secret, at any depth: the admin-service shows none, and
 * the portal makes sure none ever reaches a browser should one appear in an answer.
 */
export function withoutSigningSecrets(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(withoutSigningSecrets);
  if (!body || typeof body !== 'object') return body;
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>)
      .filter(([key]) => !SECRET_FIELDS.has(key))
      .map(([key, value]) => [key, withoutSigningSecrets(value)]),
  );
}
