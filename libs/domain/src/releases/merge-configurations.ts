/**
 * What a client reads for an associated public namespace: the owner's release first, the app's own
 * release on top, so the app's keys override the shared ones. `null` means "no such release".
 */
export function mergeConfigurations(
  shared: Record<string, string> | null,
  own: Record<string, string> | null,
): Record<string, string> {
  return { ...(shared ?? {}), ...(own ?? {}) };
}

/**
 * The releaseKey a client is given for a merged config: Apollo joins the served releases' keys with
 * '+' (own release first, then the public one) and compares that string for its 304 answer.
 */
export function joinReleaseKeys(keys: string[]): string {
  return keys.join('+');
}
