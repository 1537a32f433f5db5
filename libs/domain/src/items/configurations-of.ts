import { setOwnProperty } from '../formats/own-property';

/** The key→value map a release snapshots: keyed rows only, in editor line order. */
export function configurationsOf(
  items: Array<{ key: string; value: string; lineNum: number }>,
): Record<string, string> {
  const configurations: Record<string, string> = {};
  const keyed = items.filter((item) => item.key !== '').sort((a, b) => a.lineNum - b.lineNum);
  for (const item of keyed) setOwnProperty(configurations, item.key, item.value);
  return configurations;
}
