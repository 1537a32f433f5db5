/**
 * A unique key refused a row, said without a database driver (what a repository that is not
 * backed by one throws).
 */
export class UniqueViolationError extends Error {
  readonly code = 'UNIQUE_VIOLATION';

  constructor(readonly constraint: string) {
    super(`unique constraint ${constraint} refused the row`);
    this.name = 'UniqueViolationError';
  }
}

/**
 * True when the database refused a row because a unique key already holds it. Services check
 * for an existing row first; this catches the race where two requests create the same name.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof UniqueViolationError) return true;
  const driverError = (error as { driverError?: unknown } | null)?.driverError ?? error;
  const code = (driverError as { code?: string } | null)?.code;
  return (
    code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
