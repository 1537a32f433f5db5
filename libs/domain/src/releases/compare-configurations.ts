export interface ConfigurationDiff {
  added: Array<{ key: string; value: string }>;
  modified: Array<{ key: string; oldValue: string; newValue: string }>;
  deleted: Array<{ key: string; value: string }>;
}

// Code-unit order, not locale order: the same diff on every machine.
function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** What changes when going from `base` to `target` (e.g. the previous release to the new one). */
export function compareConfigurations(
  base: Record<string, string>,
  target: Record<string, string>,
): ConfigurationDiff {
  const diff: ConfigurationDiff = { added: [], modified: [], deleted: [] };
  for (const [key, newValue] of Object.entries(target)) {
    if (!Object.hasOwn(base, key)) diff.added.push({ key, value: newValue });
    else if (base[key] !== newValue) diff.modified.push({ key, oldValue: base[key]!, newValue });
  }
  for (const [key, value] of Object.entries(base)) {
    if (!Object.hasOwn(target, key)) diff.deleted.push({ key, value });
  }
  diff.added.sort(byKey);
  diff.modified.sort(byKey);
  diff.deleted.sort(byKey);
  return diff;
}
