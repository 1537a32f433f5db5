import { randomBytes } from 'node:crypto';
import type { PortalDatabase } from '../persistence/portal-database';
import { PortalSettingEntity } from '../persistence/portal-entities';

const SETTING = 'session-secret';

/**
 * The key session cookies are signed with: the configured one, or one generated at first start
 * and kept in the portal database so that sessions survive a restart and every instance on the
 * same database agrees. Two instances starting at once both read the winner's key.
 */
export async function sessionSecretOf(database: PortalDatabase, configured?: string): Promise<string> {
  if (configured) return configured;
  const settings = database.manager.getRepository(PortalSettingEntity);
  const existing = await settings.findOneBy({ name: SETTING });
  if (existing) return existing.value;
  try {
    await settings.insert({ name: SETTING, value: randomBytes(32).toString('base64url') });
  } catch {
    // Another instance inserted it first; its key is read below.
  }
  return (await settings.findOneByOrFail({ name: SETTING })).value;
}
