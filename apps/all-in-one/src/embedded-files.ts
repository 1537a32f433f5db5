import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseDatabaseUrl } from '@houston/persistence';

/** The SQLite file the configuration lives in (the embedded default, one machine's), if it does. */
export function sqliteFileOf(databaseUrl: string): string | undefined {
  const location = parseDatabaseUrl(databaseUrl);
  return location.dialect === 'sqlite' && location.path !== ':memory:' ? location.path : undefined;
}

/**
 * The embedded default's master key file when no key is given: `secret-keys` beside the SQLite
 * file, made at first start (one 32-byte key `k1`, readable by its owner only) and read at every
 * start after, so secret values and webhook signing keys work out of the box and still decrypt
 * after a restart. Whoever copies the folder copies the key with the data: production names its
 * keys (HOUSTON_SECRET_KEYS or HOUSTON_SECRET_KEY_FILE), kept apart from the database.
 */
export function embeddedSecretKeyFile(dataDir: string): string {
  const path = join(dataDir, 'secret-keys');
  if (existsSync(path)) return path;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(
      path,
      `# Houston's master key, made at first start: secret values are unreadable without it. Keep a copy.\nk1:${randomBytes(32).toString('base64')}\n`,
      { mode: 0o600, flag: 'wx' },
    );
  } catch (error) {
    // Another process starting on the same folder made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return path;
}

/**
 * Where the embedded default keeps its files (the admin token, the portal's database): the folder
 * of the SQLite file, or `data` when the configuration lives in MySQL or in memory.
 */
export function dataDirOf(databaseUrl: string): string {
  const file = sqliteFileOf(databaseUrl);
  return file ? dirname(file) : 'data';
}

/**
 * The portal's database when none is named: beside the configuration's, so one folder holds all
 * the embedded default keeps. Earlier versions put it in `data/` of the working directory whatever
 * HOUSTON_DB_URL said; one found there, with none beside, is used still (with a warning to move
 * it), so an upgrade never starts a new, empty portal over the people and roles already made.
 */
export function embeddedPortalDatabase(
  dataDir: string,
  warn: (message: string) => void,
  cwd = process.cwd(),
): string {
  const beside = resolve(cwd, dataDir, 'portal.sqlite');
  const earlier = resolve(cwd, 'data', 'portal.sqlite');
  if (beside !== earlier && !existsSync(beside) && existsSync(earlier)) {
    warn(
      `the portal's database is ${earlier}: move it to ${beside}, beside the configuration's, or set HOUSTON_PORTAL_DB_URL`,
    );
    return `sqlite:${earlier}`;
  }
  return `sqlite:${beside}`;
}
