import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bindHostEnv } from '@houston/runtime';
import { TEST_ADMIN_TOKEN } from '@houston/testing';
import { createLogger, loadEnv, PinoNestLogger } from '@houston/server-kit';
import { PORTAL_ENV } from '../portal.env';
import { startPortal, type RunningPortal } from '../start-portal';

export const TEST_ADMIN = { username: 'admin', password: 'admin-password-for-tests' };

export interface PortalTestServer extends RunningPortal {
  /** What the portal announced on its own (the generated first password). */
  announced: string[];
}

/** The portal on a fresh SQLite file (or the given database URL), on a free loopback port. */
export async function startPortalTestServer(
  settings: Record<string, string> = {},
  options: { webRoot?: string | null; fetchImpl?: typeof fetch } = {},
): Promise<PortalTestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'houston-portal-'));
  const env = loadEnv(
    { ...PORTAL_ENV, ...bindHostEnv('127.0.0.1') },
    {
      HOUSTON_PORTAL_PORT: '0',
      HOUSTON_PORTAL_DB_URL: `sqlite:${join(dir, 'portal.sqlite')}`,
      HOUSTON_PORTAL_ADMIN_USER: TEST_ADMIN.username,
      HOUSTON_PORTAL_ADMIN_PASSWORD: TEST_ADMIN.password,
      HOUSTON_PORTAL_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      ...settings,
    },
  );
  const announced: string[] = [];
  const logger = new PinoNestLogger(createLogger({ level: 'silent', name: 'portal-test' }));
  const portal = await startPortal(env, {
    logger,
    announce: (text) => announced.push(text),
    webRoot: options.webRoot ?? null,
    fetchImpl: options.fetchImpl,
  });
  const close = portal.close;
  return {
    ...portal,
    announced,
    close: async () => {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
