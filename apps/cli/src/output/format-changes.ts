import { cellText } from './format-table';

export interface ConfigurationDiff {
  added: Array<{ key: string; value: string }>;
  modified: Array<{ key: string; oldValue: string; newValue: string }>;
  deleted: Array<{ key: string; value: string }>;
}

/** `+ key = value`, `~ key: old -> new`, `- key = value`, one line per key, sorted by key within each kind. */
export function formatChanges(diff: ConfigurationDiff): string {
  const byKey = <T extends { key: string }>(list: T[]) =>
    [...list].sort((a, b) => a.key.localeCompare(b.key));
  const lines = [
    ...byKey(diff.added).map(({ key, value }) => `+ ${key} = ${cellText(value, 200)}`),
    ...byKey(diff.modified).map(
      ({ key, oldValue, newValue }) => `~ ${key}: ${cellText(oldValue, 200)} -> ${cellText(newValue, 200)}`,
    ),
    ...byKey(diff.deleted).map(({ key, value }) => `- ${key} = ${cellText(value, 200)}`),
  ];
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}
