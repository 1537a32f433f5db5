const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `500ms`, `2s`, `1.5m`, `1h`; a bare number is seconds (as `sleep` reads it). Null when unreadable. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) return null;
  return Math.round(Number(match[1]) * UNITS[match[2] ?? 's']!);
}
