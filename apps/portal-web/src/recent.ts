const KEY = 'houston.recentApps';
const KEEP = 8;

/** Apps this browser opened last, newest first (kept locally: the portal has no such list). */
export function recentApps(): string[] {
  try {
    const parsed: unknown = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberApp(appId: string): void {
  const next = [appId, ...recentApps().filter((id) => id !== appId)].slice(0, KEEP);
  globalThis.localStorage?.setItem(KEY, JSON.stringify(next));
}
