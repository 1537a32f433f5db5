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
  ) {
    super(message);
  }
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
