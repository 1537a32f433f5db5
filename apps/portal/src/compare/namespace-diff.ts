/**
 * Comparing one namespace's items between two places (clusters or environments), as Apollo's
 * namespace diff does. Plain functions: no framework, no I/O.
 */

export interface KeyedValue {
  key: string;
  value: string;
}

export type DiffStatus = 'same' | 'different' | 'only-in-source' | 'only-in-target' | 'in-both';

export interface DiffEntry {
  key: string;
  /**
   * `in-both` when the values of either side may not be seen: comparing them would tell whether a
   * hidden value equals one the user chose, a way to guess it.
   */
  status: DiffStatus;
  /** Absent where the key is missing on that side or its values are hidden. */
  sourceValue?: string;
  targetValue?: string;
}

export function compareItems(
  source: readonly KeyedValue[],
  target: readonly KeyedValue[],
  valuesHidden: boolean,
): DiffEntry[] {
  const targetByKey = new Map(target.map((item) => [item.key, item.value]));
  const sourceKeys = new Set(source.map((item) => item.key));
  const entries: DiffEntry[] = [];
  const shown = (side: 'sourceValue' | 'targetValue', value: string) =>
    valuesHidden ? {} : { [side]: value };
  for (const { key, value } of source) {
    if (!targetByKey.has(key)) {
      entries.push({ key, status: 'only-in-source', ...shown('sourceValue', value) });
      continue;
    }
    const other = targetByKey.get(key)!;
    if (valuesHidden) entries.push({ key, status: 'in-both' });
    else
      entries.push({
        key,
        status: other === value ? 'same' : 'different',
        sourceValue: value,
        targetValue: other,
      });
  }
  for (const { key, value } of target) {
    if (!sourceKeys.has(key)) entries.push({ key, status: 'only-in-target', ...shown('targetValue', value) });
  }
  return entries;
}
