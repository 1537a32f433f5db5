import { compareItems } from './namespace-diff';

const source = [
  { key: 'a', value: '1' },
  { key: 'b', value: '2' },
  { key: 'c', value: '3' },
];
const target = [
  { key: 'b', value: '2' },
  { key: 'c', value: 'x' },
  { key: 'd', value: '4' },
];

describe('compareItems', () => {
  it('says per key whether it is the same, different, or on one side only, with both values', () => {
    expect(compareItems(source, target, false)).toEqual([
      { key: 'a', status: 'only-in-source', sourceValue: '1' },
      { key: 'b', status: 'same', sourceValue: '2', targetValue: '2' },
      { key: 'c', status: 'different', sourceValue: '3', targetValue: 'x' },
      { key: 'd', status: 'only-in-target', targetValue: '4' },
    ]);
  });

  it('shows no value and does not compare them when values are hidden', () => {
    const entries = compareItems(source, target, true);
    expect(entries).toEqual([
      { key: 'a', status: 'only-in-source' },
      { key: 'b', status: 'in-both' },
      { key: 'c', status: 'in-both' },
      { key: 'd', status: 'only-in-target' },
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/"(1|2|3|x|4)"/);
  });

  it('does not compare secret keys: their values are masks on both sides', () => {
    const entries = compareItems(
      [
        { key: 'pw', value: '******', secret: true },
        { key: 'token', value: '******', secret: true },
      ],
      [
        { key: 'pw', value: '******', secret: true },
        { key: 'api', value: '******', secret: true },
      ],
      false,
    );
    expect(entries).toEqual([
      { key: 'pw', status: 'in-both', sourceValue: '******', targetValue: '******', secret: true },
      { key: 'token', status: 'only-in-source', sourceValue: '******', secret: true },
      { key: 'api', status: 'only-in-target', targetValue: '******', secret: true },
    ]);
  });

  it('shows each side’s item comment with the values, and a comment alone makes no difference', () => {
    const entries = compareItems(
      [
        { key: 'a', value: '1', comment: 'seconds' },
        { key: 'b', value: '2', comment: 'new' },
      ],
      [
        { key: 'a', value: '1', comment: 'milliseconds' },
        { key: 'c', value: '3', comment: 'old' },
      ],
      false,
    );
    expect(entries).toEqual([
      {
        key: 'a',
        status: 'same',
        sourceValue: '1',
        targetValue: '1',
        sourceComment: 'seconds',
        targetComment: 'milliseconds',
      },
      { key: 'b', status: 'only-in-source', sourceValue: '2', sourceComment: 'new' },
      { key: 'c', status: 'only-in-target', targetValue: '3', targetComment: 'old' },
    ]);
    expect(compareItems([{ key: 'a', value: '1', comment: 'x' }], [], true)).toEqual([
      { key: 'a', status: 'only-in-source' },
    ]);
  });
});
