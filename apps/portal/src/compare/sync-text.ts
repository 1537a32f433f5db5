import { itemsFromText, itemsToText, type ItemDraft, type NamespaceFormat } from '@houston/domain';

export interface SyncPlan {
  /** The target's whole text after the sync (sent in one request). */
  configText: string;
  /**
   * The comments of the created and updated keys: the source's, as Apollo's sync copies them (a
   * source item given without one leaves the target's as it is).
   */
  comments: Record<string, string>;
  created: string[];
  updated: string[];
  deleted: string[];
}

/** A key of the source: its value and, where it has one, its comment. */
export interface SourceItem {
  value: string;
  comment?: string;
}

/**
 * The target namespace's text with the chosen keys made equal to the source: a key the source has
 * is created or updated (in place, so its line stays), a key it does not have is deleted; every
 * other line of the target, comment lines included, stays as it was. As in Apollo, a created or
 * updated key takes the source's comment with its value, and a key whose value is already the
 * source's is left alone even when its comment differs.
 */
export function planSync(
  format: NamespaceFormat,
  sourceItems: ReadonlyMap<string, SourceItem>,
  targetText: string,
  keys: readonly string[],
): SyncPlan {
  const drafts: ItemDraft[] = itemsFromText(format, targetText);
  const comments: Record<string, string> = {};
  const created: string[] = [];
  const updated: string[] = [];
  const deleted: string[] = [];
  let rows = drafts;
  for (const key of new Set(keys)) {
    const wanted = sourceItems.get(key);
    const index = rows.findIndex((row) => row.key === key && key !== '');
    if (wanted === undefined) {
      if (index >= 0) {
        rows = rows.filter((_, i) => i !== index);
        deleted.push(key);
      }
    } else if (index < 0) {
      const lineNum = rows.reduce((max, row) => Math.max(max, row.lineNum), 0) + 1;
      rows = [...rows, { key, value: wanted.value, comment: '', lineNum }];
      created.push(key);
      if (wanted.comment !== undefined) comments[key] = wanted.comment;
    } else if (rows[index]!.value !== wanted.value) {
      rows = rows.map((row, i) => (i === index ? { ...row, value: wanted.value } : row));
      updated.push(key);
      if (wanted.comment !== undefined) comments[key] = wanted.comment;
    }
  }
  return { configText: itemsToText(format, rows), comments, created, updated, deleted };
}

/** Source items known by value only (their comments are not carried). */
export function valuesOnly(values: ReadonlyMap<string, string>): Map<string, SourceItem> {
  return new Map([...values].map(([key, value]) => [key, { value }]));
}
