import { createHash } from 'node:crypto';
import { DomainError } from '@houston/domain';

/** The header a client sends to make a retry of a publish or rollback safe. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** How long a key is remembered: a client retries within seconds or minutes, not days. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

const KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;

/** The key as sent, or a 400 naming what is accepted (1–128 visible ASCII characters). */
export function parseIdempotencyKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!KEY_PATTERN.test(raw)) {
    throw new DomainError(
      'BAD_REQUEST',
      'Idempotency-Key must be 1 to 128 visible ASCII characters, e.g. a UUID',
      { header: 'Idempotency-Key' },
    );
  }
  return raw;
}

/** What makes two requests "the same request": the operation, its target, its inputs, its operator. */
export interface IdempotentRequest {
  operation: string;
  /** Everything the outcome depends on, in a fixed order. */
  inputs: unknown[];
}

/** SHA-256 hex of the request, so a reused key can be told apart from a retry. */
export function requestHashOf(request: IdempotentRequest): string {
  return createHash('sha256')
    .update(JSON.stringify([request.operation, ...request.inputs.map((input) => input ?? null)]))
    .digest('hex');
}
