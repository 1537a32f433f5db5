import type { ConfigChange } from './types';

/** What changed between two snapshots of a namespace, in key order. */
export function diffConfigurations(
  before: Record<string, string>,
  after: Record<string, string>,
): ConfigChange[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changes: ConfigChange[] = [];
  for (const key of [...keys].sort()) {
    const had = Object.prototype.hasOwnProperty.call(before, key);
    const has = Object.prototype.hasOwnProperty.call(after, key);
    if (had && !has) changes.push({ key, type: 'deleted', oldValue: before[key] });
    else if (!had && has) changes.push({ key, type: 'added', newValue: after[key] });
    else if (before[key] !== after[key])
      changes.push({ key, type: 'modified', oldValue: before[key], newValue: after[key] });
  }
  return changes;
}
