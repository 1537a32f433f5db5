import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The embedded default's admin-service token when HOUSTON_ADMIN_TOKENS is not set: made at first
 * start and kept in a file readable by its owner only (next to the SQLite file), so that tools on
 * the same machine can read it (`Authorization: Bearer $(cat data/admin-token)`) and it stays the
 * same across restarts.
 */
export function embeddedAdminToken(path: string): string {
  if (existsSync(path)) {
    const saved = readFileSync(path, 'utf8').trim();
    if (saved.length >= 16) return saved;
  }
  const token = randomBytes(32).toString('base64url');
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  return token;
}
