import { applyConfigAnswer } from './config-sync';

describe('applyConfigAnswer', () => {
  const held = { a: '1', b: '2' };

  it('replaces the map on a full answer', () => {
    expect(applyConfigAnswer(held, { configurations: { c: '3' }, releaseKey: 'k2' })).toEqual({ c: '3' });
    expect(applyConfigAnswer(held, { configSyncType: 'FullSync', configurations: {} })).toEqual({});
  });

  it('applies added, modified and deleted keys of an incremental answer to what is held', () => {
    const next = applyConfigAnswer(held, {
      configSyncType: 'IncrementalSync',
      configurationChanges: [
        { key: 'a', newValue: '10', configurationChangeType: 'MODIFIED' },
        { key: 'b', configurationChangeType: 'DELETED' },
        { key: 'c', newValue: '3', configurationChangeType: 'ADDED' },
      ],
    });
    expect(next).toEqual({ a: '10', c: '3' });
    expect(held).toEqual({ a: '1', b: '2' });
    expect(applyConfigAnswer(held, { configSyncType: 'IncrementalSync', configurationChanges: [] })).toEqual(
      held,
    );
  });

  it('refuses a sync type it does not know', () => {
    expect(() => applyConfigAnswer(held, { configSyncType: 'Delta' })).toThrow('unknown configSyncType');
  });
});
