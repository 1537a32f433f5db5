/** Keys changed since the last apply, per namespace, with how each changed. */
export type PendingChanges = Map<string, Map<string, string>>;

/** `application: timeout (modified), port (added); app.yaml: content (modified)` — keys only, values may be secrets. */
export function describeChanges(pending: PendingChanges): string {
  const parts = [...pending].map(
    ([namespace, keys]) =>
      `${namespace}: ${[...keys].map(([key, type]) => `${key} (${type})`).join(', ') || 'release without key changes'}`,
  );
  return parts.join('; ') || 'nothing';
}
