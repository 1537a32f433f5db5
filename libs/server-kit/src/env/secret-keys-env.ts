import { readFileSync, statSync } from 'node:fs';
import { parseMasterKeys, type MasterKeyRing } from '@houston/domain';
import type { EnvSpec } from './env-spec';
import { EnvValidationError } from './env-validation-error';

const MAX_KEY_FILE_BYTES = 64 * 1024;

/**
 * The master keys that wrap the data keys of secret values. Both the admin-service (which
 * encrypts) and the config-service (which decrypts releases for clients) read them. Sensitive: the
 * parsed ring is never logged, and a bad value is never echoed.
 */
export const SECRET_KEYS_ENV = {
  HOUSTON_SECRET_KEYS: {
    description:
      'Master keys for secret values, `id:base64key[,id:base64key…]` (32-byte keys, e.g. `openssl rand -base64 32`); the first encrypts, all decrypt. Needed by admin-service and config-service once any value is secret',
    sensitive: true,
    optional: true,
    example: 'k2:…,k1:…',
    parse: (raw: string): MasterKeyRing => parseMasterKeys(raw),
  } satisfies EnvSpec<MasterKeyRing | undefined>,
  HOUSTON_SECRET_KEY_FILE: {
    description:
      'A file holding the master keys instead (same format, or one `id:base64key` a line; `#` comments)',
    sensitive: true,
    optional: true,
    example: '/run/secrets/houston-keys',
    parse: (raw: string): MasterKeyRing => readKeyFile(raw.trim()),
  } satisfies EnvSpec<MasterKeyRing | undefined>,
};

function readKeyFile(path: string): MasterKeyRing {
  let text: string;
  try {
    if (statSync(path).size > MAX_KEY_FILE_BYTES) throw new Error('larger than 64 KiB');
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return parseMasterKeys(text);
}

/** The one ring a server uses; setting both variables is refused rather than one silently ignored. */
export function secretKeyRingOf(env: {
  HOUSTON_SECRET_KEYS?: MasterKeyRing;
  HOUSTON_SECRET_KEY_FILE?: MasterKeyRing;
}): MasterKeyRing | undefined {
  if (env.HOUSTON_SECRET_KEYS && env.HOUSTON_SECRET_KEY_FILE)
    throw new EnvValidationError([
      {
        name: 'HOUSTON_SECRET_KEY_FILE',
        reason: 'set only one of HOUSTON_SECRET_KEYS and HOUSTON_SECRET_KEY_FILE',
      },
    ]);
  return env.HOUSTON_SECRET_KEYS ?? env.HOUSTON_SECRET_KEY_FILE;
}
