import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEnv } from './describe-env';
import { EnvValidationError } from './env-validation-error';
import { loadEnv } from './load-env';
import { SECRET_KEYS_ENV, secretKeyRingOf } from './secret-keys-env';

describe('secret master keys from the environment', () => {
  const key = randomBytes(32).toString('base64');

  it('is optional', () => {
    expect(secretKeyRingOf(loadEnv(SECRET_KEYS_ENV, {}))).toBeUndefined();
  });

  it('reads HOUSTON_SECRET_KEYS and never logs the keys', () => {
    const env = loadEnv(SECRET_KEYS_ENV, { HOUSTON_SECRET_KEYS: `k1:${key}` });
    expect(secretKeyRingOf(env)?.primary.id).toBe('k1');
    expect(JSON.stringify(describeEnv(env, SECRET_KEYS_ENV))).not.toContain(key.slice(0, 8));
  });

  it('reads HOUSTON_SECRET_KEY_FILE', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'keys-')), 'keys');
    writeFileSync(file, `# primary\nk2:${key}\n`);
    expect(secretKeyRingOf(loadEnv(SECRET_KEYS_ENV, { HOUSTON_SECRET_KEY_FILE: file }))?.primary.id).toBe(
      'k2',
    );
  });

  it('names the setting in one line and never echoes a bad key', () => {
    const bad = randomBytes(16).toString('base64');
    let message = '';
    try {
      loadEnv(SECRET_KEYS_ENV, { HOUSTON_SECRET_KEYS: `k1:${bad}` });
    } catch (error) {
      expect(error).toBeInstanceOf(EnvValidationError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/HOUSTON_SECRET_KEYS: key "k1" must decode to 32 bytes, got 16/);
    expect(message).not.toContain(bad);
    expect(() => loadEnv(SECRET_KEYS_ENV, { HOUSTON_SECRET_KEY_FILE: '/nonexistent/keys' })).toThrow(
      /HOUSTON_SECRET_KEY_FILE: cannot read \/nonexistent\/keys: ENOENT/,
    );
  });

  it('refuses both at once', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'keys-')), 'keys');
    writeFileSync(file, `k2:${key}\n`);
    const env = loadEnv(SECRET_KEYS_ENV, { HOUSTON_SECRET_KEYS: `k1:${key}`, HOUSTON_SECRET_KEY_FILE: file });
    expect(() => secretKeyRingOf(env)).toThrow(/HOUSTON_SECRET_KEY_FILE: set only one/);
  });
});
