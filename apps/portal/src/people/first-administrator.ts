import { generatePassword } from './password-hash';
import type { UsersService } from './users.service';

export interface FirstAdministratorSettings {
  username: string;
  /** Unset: a password is generated and handed to `announce`, once. */
  password?: string;
}

/**
 * A portal with no users gets one super administrator at start-up. With a configured password
 * nothing secret is printed; otherwise the generated password is announced this one time only
 * (it is stored hashed and cannot be shown again). Returns whether it created the account.
 */
export async function ensureFirstAdministrator(
  users: UsersService,
  settings: FirstAdministratorSettings,
  announce: (text: string) => void,
): Promise<boolean> {
  if ((await users.count()) > 0) return false;
  const password = settings.password ?? generatePassword();
  await users.create({
    username: settings.username,
    password,
    displayName: 'Administrator',
    isSuperAdmin: true,
    createdBy: 'portal',
  });
  if (!settings.password) {
    announce(
      `Portal administrator created: user "${settings.username}", password ${password}\n` +
        'This password is shown only once; change it after signing in (POST /api/me/password).\n',
    );
  }
  return true;
}
