import { genRequestId } from './request-id';

describe('genRequestId', () => {
  it('keeps a plain incoming id', () => {
    expect(genRequestId({ headers: { 'x-request-id': 'abc-123_x.y' } })).toBe('abc-123_x.y');
  });

  it('replaces a missing, overlong or unsafe id with a fresh one', () => {
    for (const value of [undefined, '', 'a'.repeat(65), 'has space', 'new\nline', 'x"y']) {
      const id = genRequestId({ headers: value === undefined ? {} : { 'x-request-id': value } });
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(genRequestId({ headers: {} })).not.toBe(genRequestId({ headers: {} }));
  });

  it('accepts exactly 64 characters', () => {
    const id = 'a'.repeat(64);
    expect(genRequestId({ headers: { 'x-request-id': id } })).toBe(id);
  });
});
