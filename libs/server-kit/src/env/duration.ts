const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Reads `1500`, `500ms`, `10s`, `1.5s`, `5m` or `1h`; a bare number is milliseconds. */
export function parseDurationMs(raw: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i.exec(raw.trim());
  if (!match) throw new Error('must be a duration such as 1500, 500ms, 10s, 5m or 1h');
  const ms = Number(match[1]) * UNIT_MS[(match[2] ?? 'ms').toLowerCase()];
  if (!Number.isFinite(ms) || ms > Number.MAX_SAFE_INTEGER) throw new Error('is too large a duration');
  return Math.round(ms);
}

/** The shortest exact spelling: 90000 → `90s`, 3600000 → `1h`, 1500 → `1500ms`. */
export function formatDurationMs(ms: number): string {
  if (ms === 0) return '0ms';
  for (const unit of ['h', 'm', 's'] as const) {
    if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}
