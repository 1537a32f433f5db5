import { itemsFromText, itemsToText, type ItemDraft, type NamespaceFormat } from '@houston/domain';

export interface SyncPlan {
  /** The target's whole text after the sync (sent in one request). */
  configText: string;
  created: string[];
  updated: string[];
  deleted: string[];
}

/**
 * The target namespace's text with the chosen keys made equal to the source: a key the source has
 * is created or updated (in place, so its line and comment stay), a key it does not have is
 * deleted; every other line of the target, comments included, stays as it was.
 */
export function planSync(
  format: NamespaceFormat,
  sourceItems: ReadonlyMap<string, string>,
  targetText: string,
  keys: readonly string[],
): SyncPlan {
  const drafts: ItemDraft[] = itemsFromText(format, targetText);
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
      rows = [...rows, { key, value: wanted, comment: '', lineNum }];
      created.push(key);
    } else if (rows[index]!.value !== wanted) {
      rows = rows.map((row, i) => (i === index ? { ...row, value: wanted } : row));
      updated.push(key);
    }
  }
  return { configText: itemsToText(format, rows), created, updated, deleted };
}
