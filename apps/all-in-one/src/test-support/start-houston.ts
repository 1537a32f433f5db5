import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchMysqlDatabase, TEST_ADMIN_TOKEN } from '@houston/testing';
import { startAllInOne, type AllInOneOptions, type RunningHouston } from '../all-in-one';

/**
 * What every in-process test server gets: the test process's admin-service token (test clients
 * send it, see http-client.ts), and no portal (the portal's own suites start it).
 */
export const TEST_ALL_IN_ONE = { HOUSTON_ADMIN_TOKENS: TEST_ADMIN_TOKEN, HOUSTON_PORTAL_ENABLED: 'false' };

const QUIET = {
  HOUSTON_CONFIG_PORT: '0',
  HOUSTON_ADMIN_PORT: '0',
  HOUSTON_LOG_LEVEL: 'error',
  ...TEST_ALL_IN_ONE,
};

/** The all-in-one process on a fresh SQLite file, removed when it closes. */
export async function embeddedHouston(
  settings: Record<string, string> = {},
  options: AllInOneOptions = {},
): Promise<RunningHouston> {
  const dir = mkdtempSync(join(tmpdir(), 'houston-e2e-'));
  const houston = await startAllInOne(
    { ...QUIET, HOUSTON_DB_URL: `sqlite:${join(dir, 'houston.sqlite')}`, ...settings },
    options,
  );
  const close = houston.close;
  return { ...houston, close: async () => (await close(), rmSync(dir, { recursive: true, force: true })) };
}

/** The same on a scratch database of the real MariaDB, dropped when it closes. */
export async function mysqlHouston(
  settings: Record<string, string> = {},
  options: AllInOneOptions = {},
): Promise<RunningHouston> {
  const scratch = await createScratchMysqlDatabase('houston_e2e');
  const houston = await startAllInOne(
    { ...QUIET, HOUSTON_DB_URL: scratch.url, HOUSTON_DB_POOL_SIZE: '4', ...settings },
    options,
  );
  const close = houston.close;
  return { ...houston, close: async () => (await close(), await scratch.drop()) };
}
