import { randomBytes } from 'node:crypto';
import { isDomainError } from '../errors/domain-error';
import { parseMasterKeys } from './master-keys';
import {
  SECRET_MASK,
  SECRET_PREFIX,
  assertNotSecretEnvelope,
  decryptConfigurations,
  decryptSecret,
  encryptSecret,
  isSecretEnvelope,
  maskConfigurations,
  maskSecretsDeep,
  needsReencryption,
  reencryptSecret,
  reencryptSecretsDeep,
  secretKeyIdOf,
} from './secret-value';

const key = () => randomBytes(32).toString('base64');
const k1 = key();
const k2 = key();
const ringOne = parseMasterKeys(`k1:${k1}`);
const ringBoth = parseMasterKeys(`k2:${k2},k1:${k1}`);
const ringTwo = parseMasterKeys(`k2:${k2}`);

describe('secret values (envelope encryption)', () => {
  it('round-trips, including unicode and the empty string, and never contains the clear value', () => {
    for (const plain of ['s3cr3t-password', '', 'ünïcødé ✓ 密码', 'x'.repeat(10_000)]) {
      const sealed = encryptSecret(plain, ringOne);
      expect(sealed.startsWith(`${SECRET_PREFIX}k1:`)).toBe(true);
      if (plain.length > 2) expect(sealed).not.toContain(plain);
      expect(decryptSecret(sealed, ringOne)).toBe(plain);
    }
  });

  it('uses a fresh data key and iv per value', () => {
    expect(encryptSecret('same', ringOne)).not.toBe(encryptSecret('same', ringOne));
  });

  it('passes clear values through decryption', () => {
    expect(decryptSecret('plain', ringOne)).toBe('plain');
  });

  it('refuses a value under an unknown master key, naming the key id', () => {
    const sealed = encryptSecret('v', ringOne);
    expect(() => decryptSecret(sealed, ringTwo)).toThrow(/master key "k1", which is not configured/);
  });

  it('detects tampering with the value or the wrapped key', () => {
    const sealed = encryptSecret('value', ringOne);
    const parts = sealed.split(':');
    const flip = (text: string) => {
      const bytes = Buffer.from(text, 'base64url');
      bytes[bytes.length - 1]! ^= 1;
      return bytes.toString('base64url');
    };
    const badBody = [...parts.slice(0, 4), flip(parts[4]!)].join(':');
    const badKey = [...parts.slice(0, 3), flip(parts[3]!), parts[4]].join(':');
    for (const bad of [badBody, badKey, `${SECRET_PREFIX}k1:abc`]) {
      let caught: unknown;
      try {
        decryptSecret(bad, ringOne);
      } catch (error) {
        caught = error;
      }
      expect(isDomainError(caught, 'UNAVAILABLE')).toBe(true);
    }
  });

  it('a key id with the same name but other key material does not decrypt', () => {
    const impostor = parseMasterKeys(`k1:${key()}`);
    expect(() => decryptSecret(encryptSecret('v', ringOne), impostor)).toThrow(/does not decrypt/);
  });

  it('rotates: add the new key first, re-encrypt, drop the old key, still decrypts', () => {
    const old = encryptSecret('rotate-me', ringOne);
    expect(secretKeyIdOf(old)).toBe('k1');
    expect(needsReencryption(old, ringBoth)).toBe(true);
    const rewrapped = reencryptSecret(old, ringBoth);
    expect(secretKeyIdOf(rewrapped)).toBe('k2');
    expect(needsReencryption(rewrapped, ringBoth)).toBe(false);
    expect(reencryptSecret(rewrapped, ringBoth)).toBe(rewrapped);
    expect(decryptSecret(rewrapped, ringTwo)).toBe('rotate-me');
    expect(reencryptSecret('clear', ringBoth)).toBe('clear');
    const nested = reencryptSecretsDeep({ createItems: [{ key: 'a', value: old }], n: 1 }, ringBoth);
    expect(secretKeyIdOf(nested.createItems[0]!.value)).toBe('k2');
    expect(decryptSecret(nested.createItems[0]!.value, ringTwo)).toBe('rotate-me');
    expect(nested.n).toBe(1);
  });

  it('decrypts and masks a release map, leaving clear values alone', () => {
    const map = { url: 'jdbc:x', password: encryptSecret('pw', ringOne) };
    expect(decryptConfigurations(map, ringOne)).toEqual({ url: 'jdbc:x', password: 'pw' });
    expect(maskConfigurations(map)).toEqual({ url: 'jdbc:x', password: SECRET_MASK });
    expect(() => decryptConfigurations(map, undefined)).toThrow(/no master key is configured/);
    expect(decryptConfigurations({ a: 'b' }, undefined)).toEqual({ a: 'b' });
  });

  it('masks envelopes anywhere in a change set or a diff', () => {
    const sealed = encryptSecret('pw', ringOne);
    const changes = {
      updateItems: [
        { oldItem: { key: 'pw', value: sealed, lineNum: 1 }, newItem: { key: 'pw', value: 'x' } },
      ],
    };
    expect(maskSecretsDeep(changes)).toEqual({
      updateItems: [
        { oldItem: { key: 'pw', value: SECRET_MASK, lineNum: 1 }, newItem: { key: 'pw', value: 'x' } },
      ],
    });
    expect(JSON.stringify(maskSecretsDeep({ list: [sealed, null, 3] }))).not.toContain(SECRET_PREFIX);
  });

  it('refuses clear values that look encrypted', () => {
    expect(isSecretEnvelope(`${SECRET_PREFIX}x`)).toBe(true);
    expect(() => assertNotSecretEnvelope(`${SECRET_PREFIX}x`)).toThrow(/may not start with/);
    expect(() => assertNotSecretEnvelope('hsec:v2')).not.toThrow();
  });
});
