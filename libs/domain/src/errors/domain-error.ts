/**
 * Machine-readable reasons a request is refused. Every API edge maps these to an HTTP status
 * (see server-kit's problem filter); clients and scripts switch on the code, never on the message.
 */
export const DOMAIN_ERROR_CODES = [
  'BAD_REQUEST',
  'VALIDATION_FAILED',
  'INVALID_DOCUMENT',
  'SCHEMA_VIOLATION',
  'RELEASE_VETOED',
  'RELEASE_PRECONDITION_FAILED',
  /** The change publishes where releases need another person's review; it cannot be reviewed as it is. */
  'REVIEW_REQUIRED',
  'OPERATOR_REQUIRED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'CONCURRENT_MODIFICATION',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'LOCKED',
  'TOO_MANY_REQUESTS',
  'UNAVAILABLE',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Structured context a caller can act on: the field, the line and column, the holder of a lock. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function isDomainError(error: unknown, code?: DomainErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}
