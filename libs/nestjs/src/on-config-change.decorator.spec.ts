import { filterEvent } from './on-config-change.decorator';

const event = {
  namespace: 'application',
  releaseKey: 'rk',
  changes: [
    { key: 'db.url', type: 'modified' as const, oldValue: 'a', newValue: 'b' },
    { key: 'db.pool.size', type: 'added' as const, newValue: '8' },
    { key: 'log.level', type: 'deleted' as const, oldValue: 'info' },
  ],
};

describe('filterEvent', () => {
  it('keeps every change without a pattern', () => {
    expect(filterEvent(event, undefined)).toEqual(event);
  });

  it('matches an exact key, a glob and a RegExp', () => {
    expect(filterEvent(event, 'db.url')!.changes.map((c) => c.key)).toEqual(['db.url']);
    expect(filterEvent(event, 'db.*')!.changes.map((c) => c.key)).toEqual(['db.url', 'db.pool.size']);
    expect(filterEvent(event, /^log\./g)!.changes.map((c) => c.key)).toEqual(['log.level']);
    expect(filterEvent(event, 'db.url*')!.changes.map((c) => c.key)).toEqual(['db.url']);
  });

  it('gives nothing when no key matches, and treats dots literally', () => {
    expect(filterEvent(event, 'dbxurl')).toBeUndefined();
    expect(filterEvent(event, 'cache.*')).toBeUndefined();
  });
});
