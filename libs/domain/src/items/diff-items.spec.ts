import { DomainError } from '../errors/domain-error';
import { diffItems, isEmptyChangeSet } from './diff-items';
import type { ExistingItem, ItemDraft } from './item-draft';

const row = (id: number, key: string, value: string, lineNum: number, comment = ''): ExistingItem => ({
  id,
  key,
  value,
  comment,
  lineNum,
});
const draft = (key: string, value: string, lineNum: number, comment = ''): ItemDraft => ({
  key,
  value,
  comment,
  lineNum,
});

describe('diffItems', () => {
  const existing = [row(1, '', '', 1, '# db'), row(2, 'url', 'jdbc:a', 2), row(3, 'timeout', '30', 3)];

  it('is empty when nothing changed', () => {
    const cs = diffItems(existing, [
      draft('', '', 1, '# db'),
      draft('url', 'jdbc:a', 2),
      draft('timeout', '30', 3),
    ]);
    expect(cs).toEqual({ create: [], update: [], delete: [] });
    expect(isEmptyChangeSet(cs)).toBe(true);
  });

  it('creates new keys, updates changed ones and deletes removed ones', () => {
    const cs = diffItems(existing, [
      draft('', '', 1, '# db'),
      draft('url', 'jdbc:b', 2),
      draft('pool', '10', 3),
    ]);
    expect(cs.create).toEqual([draft('pool', '10', 3)]);
    expect(cs.update).toEqual([{ id: 2, before: existing[1], after: draft('url', 'jdbc:b', 2) }]);
    expect(cs.delete).toEqual([existing[2]]);
    expect(isEmptyChangeSet(cs)).toBe(false);
  });

  it('updates a row whose only change is its line or its comment', () => {
    const moved = diffItems([row(5, 'a', '1', 1)], [draft('a', '1', 2)]);
    expect(moved.update.map((u) => u.id)).toEqual([5]);
    const commented = diffItems([row(5, 'a', '1', 1)], [draft('a', '1', 1, 'why')]);
    expect(commented.update).toEqual([
      { id: 5, before: row(5, 'a', '1', 1), after: draft('a', '1', 1, 'why') },
    ]);
  });

  it('recreates comment and blank rows that moved or changed, keeping identical ones', () => {
    const before = [row(1, '', '', 1, '# a'), row(2, '', '', 2), row(3, 'k', 'v', 3)];
    const cs = diffItems(before, [
      draft('', '', 1, '# a'),
      draft('', '', 2, '# new'),
      draft('', '', 3),
      draft('k', 'v', 4),
    ]);
    expect(cs.create).toEqual([draft('', '', 2, '# new'), draft('', '', 3)]);
    expect(cs.delete).toEqual([before[1]]);
    expect(cs.update.map((u) => u.id)).toEqual([3]);
  });

  it('deletes everything when the text is emptied', () => {
    expect(diffItems(existing, [])).toEqual({ create: [], update: [], delete: existing });
  });

  it('creates everything for a new namespace', () => {
    const drafts = [draft('a', '1', 1), draft('', '', 2)];
    expect(diffItems([], drafts)).toEqual({ create: drafts, update: [], delete: [] });
  });

  it('refuses drafts that repeat a key', () => {
    expect(() => diffItems([], [draft('a', '1', 1), draft('a', '2', 2)])).toThrow(DomainError);
  });

  it('cleans up a stray duplicate row of one key', () => {
    const dup = [row(1, 'a', '1', 1), row(2, 'a', '1', 1)];
    expect(diffItems(dup, [draft('a', '1', 1)])).toEqual({ create: [], update: [], delete: [dup[1]] });
  });
});
