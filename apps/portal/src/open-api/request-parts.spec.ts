import { booleanParam, decodedKey, intParam } from './request-parts';

describe('Open API request parameters', () => {
  it("decodes Apollo's URL-safe Base64 keys, with or without padding, and refuses anything else", () => {
    const key = 'path/with spaces+ü?';
    const encoded = Buffer.from(key, 'utf8').toString('base64url');
    expect(decodedKey(encoded)).toBe(key);
    expect(decodedKey(Buffer.from('ab', 'utf8').toString('base64'))).toBe('ab');
    expect(() => decodedKey('not base64!')).toThrow('URL-safe Base64');
    expect(() => decodedKey('')).toThrow('URL-safe Base64');
  });

  it('reads booleans and bounded integers as Spring would, and refuses the rest', () => {
    expect(booleanParam('TRUE', 'x', false)).toBe(true);
    expect(booleanParam(undefined, 'x', true)).toBe(true);
    expect(() => booleanParam('yes', 'x', false)).toThrow('x must be true or false');
    expect(intParam(undefined, 'size', 50, 100, 1)).toBe(50);
    expect(() => intParam('0', 'size', 50, 100, 1)).toThrow('from 1 to 100');
    expect(() => intParam('1.5', 'page', 0, 100)).toThrow();
  });
});
