import { MASK } from './env-spec';

/**
 * Hides the password of a URL such as `mysql://user:secret@db/houston`, so a connection string
 * not marked sensitive still never reaches a log with its password.
 */
export function maskUrlCredentials(text: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(text)) return text;
  try {
    const url = new URL(text);
    if (!url.password) return text;
    url.password = MASK;
    return url.toString();
  } catch {
    return text.replace(/(\/\/[^:/?#]*:)[^@/?#]*@/, `$1${MASK}@`);
  }
}
