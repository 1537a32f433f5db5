import { DomainError } from '../errors/domain-error';
import type { ExistingItem, ItemDraft } from './item-draft';

export interface ItemChangeSet {
  create: ItemDraft[];
  update: Array<{ id: number; before: ExistingItem; after: ItemDraft }>;
  delete: ExistingItem[];
}

function sameRow(a: ItemDraft, b: ItemDraft): boolean {
  return a.value === b.value && a.comment === b.comment && a.lineNum === b.lineNum;
}

/**
 * What to write so that the stored rows become `drafts`. Keyed rows are matched by key. Comment and
 * blank rows have no identity, so one is kept only when an identical row sits on the same line;
 * otherwise it is deleted and recreated, as Apollo does.
 */
export function diffItems(existing: ExistingItem[], drafts: ItemDraft[]): ItemChangeSet {
  const changes: ItemChangeSet = { create: [], update: [], delete: [] };
  const existingByKey = new Map<string, ExistingItem>();
  const keylessByLine = new Map<number, ExistingItem[]>();
  const kept = new Set<ExistingItem>();
  for (const item of existing) {
    if (item.key === '') {
      const atLine = keylessByLine.get(item.lineNum) ?? [];
      atLine.push(item);
      keylessByLine.set(item.lineNum, atLine);
    } else if (!existingByKey.has(item.key)) {
      existingByKey.set(item.key, item);
    }
  }

  const seenKeys = new Set<string>();
  for (const draft of drafts) {
    if (draft.key === '') {
      const twin = keylessByLine.get(draft.lineNum)?.find((item) => !kept.has(item) && sameRow(item, draft));
      if (twin) kept.add(twin);
      else changes.create.push(draft);
      continue;
    }
    if (seenKeys.has(draft.key)) {
      throw new DomainError('VALIDATION_FAILED', `key "${draft.key}" is given twice`, {
        field: 'key',
        key: draft.key,
      });
    }
    seenKeys.add(draft.key);
    const before = existingByKey.get(draft.key);
    if (!before) {
      changes.create.push(draft);
      continue;
    }
    kept.add(before);
    if (!sameRow(before, draft)) changes.update.push({ id: before.id, before, after: draft });
  }

  // Includes keyless rows that found no twin and any stray duplicate of a key.
  changes.delete = existing.filter((item) => !kept.has(item));
  return changes;
}

export function isEmptyChangeSet(cs: ItemChangeSet): boolean {
  return cs.create.length === 0 && cs.update.length === 0 && cs.delete.length === 0;
}
