import type { DomainErrorCode } from '@houston/domain';

/** The HTTP status every API edge answers a domain error with. */
export function httpStatusOf(code: DomainErrorCode): number {
  switch (code) {
    case 'BAD_REQUEST':
    case 'VALIDATION_FAILED':
    case 'INVALID_DOCUMENT':
    case 'OPERATOR_REQUIRED':
      return 400;
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'ALREADY_EXISTS':
    case 'CONCURRENT_MODIFICATION':
    case 'CONFLICT':
    case 'RELEASE_PRECONDITION_FAILED':
    case 'REVIEW_REQUIRED':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'SCHEMA_VIOLATION':
    case 'RELEASE_VETOED':
      return 422;
    case 'LOCKED':
      return 423;
    case 'TOO_MANY_REQUESTS':
      return 429;
    case 'UNAVAILABLE':
      return 503;
    default: {
      // A new code must be given a status here before anything compiles.
      const unhandled: never = code;
      throw new Error(`no HTTP status for domain error code ${String(unhandled)}`);
    }
  }
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  410: 'GONE',
  411: 'LENGTH_REQUIRED',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  416: 'RANGE_NOT_SATISFIABLE',
  422: 'UNPROCESSABLE_ENTITY',
  423: 'LOCKED',
  429: 'TOO_MANY_REQUESTS',
  431: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  502: 'BAD_GATEWAY',
  503: 'UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

/** A problem code for a status that did not come from a domain error (framework and Fastify errors). */
export function problemCodeOfStatus(status: number): string {
  return (
    CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : status >= 400 ? 'BAD_REQUEST' : `HTTP_${status}`)
  );
}
