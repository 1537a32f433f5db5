import { EXIT_FAILED, EXIT_UNREACHABLE, EXIT_USAGE } from './exit-codes';

/** The command line is wrong; the message says how. */
export class UsageError extends Error {
  readonly exitCode = EXIT_USAGE;
}

/** The server answered with an error body `{status, code, message, details}`. */
export class ApiError extends Error {
  readonly exitCode = EXIT_FAILED;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** `GET http://…/apps/shop`: what was asked, for the hint. */
    readonly request?: string,
  ) {
    super(message);
  }
}

/**
 * A second line for the errors a CLI user can fix on the command line: no operator, no token,
 * an address that is not the admin-service's.
 */
export function hintFor(error: ApiError): string | undefined {
  if (error.code === 'OPERATOR_REQUIRED') {
    return 'say who makes the change: --operator <name> or HOUSTON_OPERATOR (default: your user name)';
  }
  if (error.status === 401) {
    return "set HOUSTON_ADMIN_TOKEN to one of the admin-service's HOUSTON_ADMIN_TOKENS (npm start keeps one in data/admin-token)";
  }
  if (error.status === 404 && !isDomainNotFound(error)) {
    return `nothing answers ${error.request ?? 'that request'}: is this the admin-service? (--admin-url or HOUSTON_ADMIN_URL; npm start serves it on :8090)`;
  }
  if (error.status === 404) return 'check --app, --cluster and -n (or HOUSTON_APP)';
  return undefined;
}

/**
 * The admin-service's own "no such app / namespace / item" carries details naming it; a 404 for a
 * route the server does not have (another server, a proxy) does not.
 */
function isDomainNotFound(error: ApiError): boolean {
  return error.code === 'NOT_FOUND' && typeof error.details === 'object' && error.details !== null;
}

/** No answer at all: connection refused, DNS failure, timeout. */
export class UnreachableError extends Error {
  readonly exitCode = EXIT_UNREACHABLE;
}

/** Anything else that makes the command fail (a file that cannot be read, a failed check). */
export class CommandError extends Error {
  readonly exitCode = EXIT_FAILED;
}

export type CliError = UsageError | ApiError | UnreachableError | CommandError;

export function isCliError(error: unknown): error is CliError {
  return (
    error instanceof UsageError ||
    error instanceof ApiError ||
    error instanceof UnreachableError ||
    error instanceof CommandError
  );
}
