import { randomBytes } from 'node:crypto';
import { ACCESS_KEY_MODE } from '../access/client-signature';
import { isDomainError } from '../errors/domain-error';
import { parseMasterKeys } from './master-keys';
import { checkSecretRelease } from './secret-release-rule';
import { encryptSecret } from './secret-value';

const ring = parseMasterKeys(`k1:${randomBytes(32).toString('base64')}`);
const withSecret = { url: 'jdbc:x', password: encryptSecret('pw', ring) };

describe('checkSecretRelease', () => {
  it('lets releases without secrets through whatever the keys', () => {
    expect(checkSecretRelease('app', { url: 'x' }, [], false)).toEqual({ overridden: false });
  });

  it('lets secrets through when the app has an enabled FILTER key', () => {
    expect(checkSecretRelease('app', withSecret, [ACCESS_KEY_MODE.FILTER], false)).toEqual({
      overridden: false,
    });
  });

  it('refuses secrets with no key, or only OBSERVER keys, naming the secret keys and the override', () => {
    for (const modes of [[], [ACCESS_KEY_MODE.OBSERVER]]) {
      let caught: unknown;
      try {
        checkSecretRelease('app', withSecret, modes, false);
      } catch (error) {
        caught = error;
      }
      expect(isDomainError(caught, 'CONFLICT')).toBe(true);
      expect(caught).toMatchObject({
        message: expect.stringContaining('allowSecretsWithoutAccessKey'),
        details: { reason: 'ACCESS_KEY_REQUIRED', secretKeys: ['password'] },
      });
    }
  });

  it('releases anyway on an explicit override, saying it was needed', () => {
    expect(checkSecretRelease('app', withSecret, [], true)).toEqual({ overridden: true });
  });
});
