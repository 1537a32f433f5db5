import { randomBytes } from 'node:crypto';
import { isDomainError } from '../errors/domain-error';
import { parseMasterKeys } from './master-keys';

const k = () => randomBytes(32).toString('base64');

describe('parseMasterKeys', () => {
  it('reads id:base64key entries; the first is primary, all are kept', () => {
    const one = k();
    const two = k();
    const ring = parseMasterKeys(`k2:${two},k1:${one}`);
    expect(ring.primary.id).toBe('k2');
    expect(ring.keys.map((key) => key.id)).toEqual(['k2', 'k1']);
    expect(ring.keys[1]!.key.equals(Buffer.from(one, 'base64'))).toBe(true);
  });

  it('accepts a key file: one entry a line, comments and blank lines skipped', () => {
    const ring = parseMasterKeys(`# rotated 2026-11\nnew:${k()}\n\n  old:${k()}  \n`);
    expect(ring.keys.map((key) => key.id)).toEqual(['new', 'old']);
  });

  it('skips a comment line whole, commas and colons in it included', () => {
    const ring = parseMasterKeys(`# k1: made at first start, keep a copy\nk1:${k()}\n`);
    expect(ring.keys.map((key) => key.id)).toEqual(['k1']);
  });

  it.each([
    ['', /no master key/],
    ['nokey', /entry 1 is not id:base64key/],
    [`bad id:${k()}`, /key id must be/],
    ['short:AAAA', /must decode to 32 bytes, got 3/],
    ['x:not base64!!', /not base64/],
  ])('refuses %j with a message that quotes no key material', (raw, message) => {
    let caught: unknown;
    try {
      parseMasterKeys(raw);
    } catch (error) {
      caught = error;
    }
    expect(isDomainError(caught, 'VALIDATION_FAILED')).toBe(true);
    expect((caught as Error).message).toMatch(message);
  });

  it('refuses a duplicate id', () => {
    expect(() => parseMasterKeys(`a:${k()},a:${k()}`)).toThrow(/given twice/);
  });

  it('never echoes a key in its error', () => {
    const key = randomBytes(31).toString('base64');
    expect(() => parseMasterKeys(`a:${key}`)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(key) }),
    );
  });
});
