/** Exit codes scripts can rely on; documented in the README. */
export const EXIT_OK = 0;
/** The server refused (4xx/5xx) or the command failed. */
export const EXIT_FAILED = 1;
/** Wrong command line: unknown command or option, missing argument. */
export const EXIT_USAGE = 2;
/** The server could not be reached at all. */
export const EXIT_UNREACHABLE = 3;
