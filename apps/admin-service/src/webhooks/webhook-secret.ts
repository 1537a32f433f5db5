import { decryptSecret, DomainError, encryptSecret, isSecretEnvelope } from '@houston/domain';
import type { ReleaseWebhookEntity } from '@houston/entities';
import type { AdminServiceOptions } from '../admin-service.options';

/** A hook's signing key is stored encrypted under the master keys, as secret values are. */
export function sealWebhookSecret(options: AdminServiceOptions, secret: string): string {
  if (!options.secretKeys)
    throw new DomainError(
      'UNAVAILABLE',
      'webhook secrets are stored encrypted: set HOUSTON_SECRET_KEYS (or HOUSTON_SECRET_KEY_FILE) on the admin-service',
    );
  return encryptSecret(secret, options.secretKeys);
}

/** The hook with its signing key in clear, for a call; one stored before encryption is returned as it is. */
export function openWebhookSecret(
  options: AdminServiceOptions,
  hook: ReleaseWebhookEntity,
): ReleaseWebhookEntity {
  if (!isSecretEnvelope(hook.secret)) return hook;
  if (!options.secretKeys)
    throw new DomainError('UNAVAILABLE', 'webhook secrets need HOUSTON_SECRET_KEYS on the admin-service');
  return { ...hook, secret: decryptSecret(hook.secret, options.secretKeys) };
}
