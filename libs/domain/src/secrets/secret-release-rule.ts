import { ACCESS_KEY_MODE } from '../access/client-signature';
import { DomainError } from '../errors/domain-error';
import { isSecretEnvelope } from './secret-value';

/**
 * Clients receive secret values in clear (Apollo clients cannot decrypt), so only clients that
 * sign their requests may have them: a release holding secrets needs an enabled FILTER access
 * key of the app (an OBSERVER key refuses nobody). `override` releases anyway; the caller records
 * that it did. Returns whether the override was needed.
 */
export function checkSecretRelease(
  appId: string,
  configurations: Readonly<Record<string, string>>,
  enabledKeyModes: readonly number[],
  override: boolean,
): { overridden: boolean } {
  const secretKeys = Object.keys(configurations).filter((key) => isSecretEnvelope(configurations[key]));
  if (secretKeys.length === 0 || enabledKeyModes.includes(ACCESS_KEY_MODE.FILTER))
    return { overridden: false };
  if (override) return { overridden: true };
  throw new DomainError(
    'CONFLICT',
    `${appId} has no enabled access key, so clients could read its secret values unsigned: enable a FILTER access key first, or release with allowSecretsWithoutAccessKey=true`,
    { reason: 'ACCESS_KEY_REQUIRED', appId, secretKeys: secretKeys.slice(0, 20), count: secretKeys.length },
  );
}
