import { compareConfigurations } from './compare-configurations';

describe('compareConfigurations', () => {
  it('lists added, modified and deleted keys sorted by key', () => {
    const diff = compareConfigurations(
      { z: '1', same: 's', m2: 'old', m1: 'old', gone2: 'x', gone1: 'y' },
      { same: 's', m1: 'new', m2: 'new', b: '2', a: '1', z: '1' },
    );
    expect(diff).toEqual({
      added: [
        { key: 'a', value: '1' },
        { key: 'b', value: '2' },
      ],
      modified: [
        { key: 'm1', oldValue: 'old', newValue: 'new' },
        { key: 'm2', oldValue: 'old', newValue: 'new' },
      ],
      deleted: [
        { key: 'gone1', value: 'y' },
        { key: 'gone2', value: 'x' },
      ],
    });
  });

  it('treats an empty value as a value, not as absence', () => {
    expect(compareConfigurations({ a: '' }, { a: 'x', b: '' })).toEqual({
      added: [{ key: 'b', value: '' }],
      modified: [{ key: 'a', oldValue: '', newValue: 'x' }],
      deleted: [],
    });
  });

  it('does not see inherited properties as keys', () => {
    expect(compareConfigurations({}, { toString: 'x' }).added).toEqual([{ key: 'toString', value: 'x' }]);
    expect(compareConfigurations({ constructor: 'x' }, {}).deleted).toEqual([
      { key: 'constructor', value: 'x' },
    ]);
  });

  it('is empty for equal configurations', () => {
    expect(compareConfigurations({ a: '1' }, { a: '1' })).toEqual({ added: [], modified: [], deleted: [] });
  });
});
