/** Nearest-rank percentile of unsorted samples; NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface Summary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  min: number;
}

export function summarize(samples: readonly number[]): Summary {
  return {
    count: samples.length,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    max: samples.length ? Math.max(...samples) : Number.NaN,
    min: samples.length ? Math.min(...samples) : Number.NaN,
  };
}

export function fmt(value: number | undefined, digits = 1): string {
  if (value === undefined || Number.isNaN(value)) return '–';
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function mib(bytes: number | undefined): string {
  return bytes === undefined ? '–' : `${fmt(bytes / 1024 / 1024, 1)} MiB`;
}

export function ratio(value: number, baseline: number): string {
  return baseline > 0 && Number.isFinite(value) ? `${fmt((value / baseline) * 100, 0)}%` : '–';
}

export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
