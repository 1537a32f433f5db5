import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseDatabaseUrl } from '@houston/persistence';

/**
 * Where the embedded default keeps its files (the admin token, the portal's database): the folder
 * of the SQLite file, or `data` when the configuration lives in MySQL or in memory.
 */
export function dataDirOf(databaseUrl: string): string {
  const location = parseDatabaseUrl(databaseUrl);
  return location.dialect === 'sqlite' && location.path !== ':memory:' ? dirname(location.path) : 'data';
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
