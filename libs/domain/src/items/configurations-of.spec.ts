import { configurationsOf } from './configurations-of';

describe('configurationsOf', () => {
  it('keeps keyed rows only, in line order', () => {
    const config = configurationsOf([
      { key: 'c', value: '3', lineNum: 5 },
      { key: '', value: '', lineNum: 1 },
      { key: 'a', value: '1', lineNum: 2 },
      { key: 'b', value: '2', lineNum: 2 },
    ]);
    expect(config).toEqual({ a: '1', b: '2', c: '3' });
    expect(Object.keys(config)).toEqual(['a', 'b', 'c']);
  });

  it('keeps __proto__ as data', () => {
    const config = configurationsOf([{ key: '__proto__', value: 'x', lineNum: 1 }]);
    expect(Object.keys(config)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
  });
});
