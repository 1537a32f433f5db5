import { diffConfigurations } from './diff';

describe('diffConfigurations', () => {
  it('reports added, modified and deleted keys in key order', () => {
    expect(diffConfigurations({ a: '1', b: '2', c: '3' }, { b: '20', c: '3', d: '4' })).toEqual([
      { key: 'a', type: 'deleted', oldValue: '1' },
      { key: 'b', type: 'modified', oldValue: '2', newValue: '20' },
      { key: 'd', type: 'added', newValue: '4' },
    ]);
  });

  it('is empty for equal snapshots and sees empty strings as values', () => {
    expect(diffConfigurations({ a: '1' }, { a: '1' })).toEqual([]);
    expect(diffConfigurations({ a: '' }, {})).toEqual([{ key: 'a', type: 'deleted', oldValue: '' }]);
  });

  it('does not take inherited object properties for keys', () => {
    expect(diffConfigurations({}, { constructor: 'x' })).toEqual([
      { key: 'constructor', type: 'added', newValue: 'x' },
    ]);
  });
});
