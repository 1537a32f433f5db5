/** Sign-in names: letters, digits, `.`, `_`, `@`, `-`; matched and stored lower-case. */
export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export function normalizeUsername(name: string): string {
  return name.trim().toLowerCase();
}
