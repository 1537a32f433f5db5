/**
 * Comparing one namespace's items between two places (clusters or environments), as Apollo's
 * namespace diff does. Plain functions: no framework, no I/O.
 */

export interface KeyedValue {
  key: string;
  value: string;
  /** Stored encrypted: `value` is its mask, never its value. */
  secret?: boolean;
  /** The item's comment (not the namespace's comment lines). */
  comment?: string;
}

export type DiffStatus = 'same' | 'different' | 'only-in-source' | 'only-in-target' | 'in-both';

export interface DiffEntry {
  key: string;
  /**
   * `in-both` when the values of either side may not be seen: comparing them would tell whether a
   * hidden value equals one the user chose, a way to guess it. The same for a secret key: both
   * sides show its mask.
   */
  status: DiffStatus;
  /** Absent where the key is missing on that side or its values are hidden. */
  sourceValue?: string;
  targetValue?: string;
  /**
   * Each side's item comment, where it has one and the values are shown. As in Apollo, comments
   * do not make keys different: a sync carries the source's with a value it changes.
   */
  sourceComment?: string;
  targetComment?: string;
  /**
   * The key is secret on either side: its values are masks, so a key in both is `in-both` (not
   * compared), and a sync leaves it alone.
   */
  secret?: true;
}

export function compareItems(
  source: readonly KeyedValue[],
  target: readonly KeyedValue[],
  valuesHidden: boolean,
): DiffEntry[] {
  const targetByKey = new Map(target.map((item) => [item.key, item]));
  const sourceKeys = new Set(source.map((item) => item.key));
  const entries: DiffEntry[] = [];
  const shown = (side: 'sourceValue' | 'targetValue', value: string) =>
    valuesHidden ? {} : { [side]: value };
  const secretFlag = (...items: Array<KeyedValue | undefined>) =>
    items.some((item) => item?.secret) ? { secret: true as const } : {};
  const commented = (side: 'sourceComment' | 'targetComment', item: KeyedValue) =>
    valuesHidden || !item.comment ? {} : { [side]: item.comment };
  for (const item of source) {
    const { key, value } = item;
    const other = targetByKey.get(key);
    if (!other) {
      entries.push({
        key,
        status: 'only-in-source',
        ...shown('sourceValue', value),
        ...commented('sourceComment', item),
        ...secretFlag(item),
      });
      continue;
    }
    const secret = secretFlag(item, other);
    const comments = { ...commented('sourceComment', item), ...commented('targetComment', other) };
    if (valuesHidden) entries.push({ key, status: 'in-both', ...secret });
    else if (secret.secret)
      entries.push({
        key,
        status: 'in-both',
        sourceValue: value,
        targetValue: other.value,
        ...comments,
        ...secret,
      });
    else
      entries.push({
        key,
        status: other.value === value ? 'same' : 'different',
        sourceValue: value,
        targetValue: other.value,
        ...comments,
      });
  }
  for (const item of target) {
    if (!sourceKeys.has(item.key))
      entries.push({
        key: item.key,
        status: 'only-in-target',
        ...shown('targetValue', item.value),
        ...commented('targetComment', item),
        ...secretFlag(item),
      });
  }
  return entries;
}
