import { formatDurationMs, parseDurationMs } from './duration';
import type { EnvSpec } from './env-spec';

/** What every builder accepts besides its own checks. */
export interface EnvCommonOptions<T> {
  description: string;
  default?: T;
  sensitive?: boolean;
  example?: string;
}

export interface EnvStringOptions extends EnvCommonOptions<string> {
  /** The whole value must match; say in `patternHint` what it means for the error message. */
  pattern?: RegExp;
  patternHint?: string;
}

export function envString(options: EnvStringOptions): EnvSpec<string> {
  const { pattern, patternHint, ...common } = options;
  return {
    ...common,
    parse(raw) {
      if (pattern && !wholeMatch(pattern, raw)) {
        throw new Error(patternHint ? `must be ${patternHint}` : `must match ${String(pattern)}`);
      }
      return raw;
    },
  };
}

export interface EnvIntOptions extends EnvCommonOptions<number> {
  min?: number;
  max?: number;
}

export function envInt(options: EnvIntOptions): EnvSpec<number> {
  const { min, max, ...common } = options;
  return {
    ...common,
    parse(raw) {
      const text = raw.trim();
      if (!/^[-+]?\d+$/.test(text)) throw new Error('must be an integer');
      const value = Number(text);
      if (!Number.isSafeInteger(value)) throw new Error('is too large an integer');
      checkRange(value, min, max);
      return value;
    },
    format: String,
  };
}

/** A TCP port; 0 asks the system for a free one, which tests use. */
export function envPort(options: EnvCommonOptions<number>): EnvSpec<number> {
  return envInt({ ...options, min: 0, max: 65535 });
}

const TRUE_WORDS = ['true', '1', 'yes'];
const FALSE_WORDS = ['false', '0', 'no'];

export function envBool(options: EnvCommonOptions<boolean>): EnvSpec<boolean> {
  return {
    ...options,
    parse(raw) {
      const word = raw.trim().toLowerCase();
      if (TRUE_WORDS.includes(word)) return true;
      if (FALSE_WORDS.includes(word)) return false;
      throw new Error('must be one of true, false, 1, 0, yes, no');
    },
    format: String,
  };
}

/** One of a fixed set of words; matched ignoring case, returned as spelled in `values`. */
export function envEnum<const V extends string>(
  values: readonly V[],
  options: EnvCommonOptions<NoInfer<V>>,
): EnvSpec<V> {
  return {
    ...options,
    parse(raw) {
      const text = raw.trim();
      const found =
        values.find((v) => v === text) ?? values.find((v) => v.toLowerCase() === text.toLowerCase());
      if (found === undefined) throw new Error(`must be one of ${values.join(', ')}`);
      return found;
    },
  };
}

export interface EnvDurationOptions extends EnvCommonOptions<number> {
  /** Bounds in milliseconds. */
  min?: number;
  max?: number;
}

/** A duration written `1500`, `500ms`, `10s`, `5m` or `1h`; the value is in milliseconds. */
export function envDurationMs(options: EnvDurationOptions): EnvSpec<number> {
  const { min, max, ...common } = options;
  return {
    ...common,
    parse(raw) {
      const ms = parseDurationMs(raw);
      if (min !== undefined && ms < min) throw new Error(`must be at least ${formatDurationMs(min)}`);
      if (max !== undefined && ms > max) throw new Error(`must be at most ${formatDurationMs(max)}`);
      return ms;
    },
    format: formatDurationMs,
  };
}

export interface EnvUrlOptions extends EnvCommonOptions<string> {
  /** Accepted schemes without the colon, e.g. `['http', 'https']`; any scheme when absent. */
  protocols?: readonly string[];
}

/** A URL checked with WHATWG `URL`; the value is the text as given (trimmed). */
export function envUrl(options: EnvUrlOptions): EnvSpec<string> {
  const { protocols, ...common } = options;
  return {
    ...common,
    parse(raw) {
      const text = raw.trim();
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        throw new Error('must be an absolute URL');
      }
      const scheme = url.protocol.slice(0, -1).toLowerCase();
      if (protocols && !protocols.some((p) => p.toLowerCase() === scheme)) {
        throw new Error(`must be a URL with scheme ${protocols.join(', ')}`);
      }
      return text;
    },
  };
}

export interface EnvListOptions<T> extends EnvCommonOptions<T[]> {
  /** Reads one entry; entries are strings when absent. */
  item?: (raw: string) => T;
}

/** Comma separated; entries are trimmed and empty ones dropped. */
export function envList(options: EnvListOptions<string>): EnvSpec<string[]>;
export function envList<T>(options: EnvListOptions<T> & { item: (raw: string) => T }): EnvSpec<T[]>;
export function envList<T>(options: EnvListOptions<T>): EnvSpec<T[]> {
  const { item, ...common } = options;
  return {
    ...common,
    parse(raw) {
      const entries = raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      return entries.map((entry) => {
        if (!item) return entry as T;
        try {
          return item(entry);
        } catch (error) {
          throw new Error(`entry "${entry}" ${error instanceof Error ? error.message : String(error)}`);
        }
      });
    },
    format: (values) => values.map(String).join(','),
  };
}

/** Makes a variable optional: unset (or empty) yields `undefined` instead of an error. */
export function envOptional<T>(spec: EnvSpec<T>): EnvSpec<T | undefined> {
  const { format } = spec;
  return {
    ...spec,
    optional: true,
    format: format ? (value) => (value === undefined ? '' : format(value)) : undefined,
  };
}

function wholeMatch(pattern: RegExp, text: string): boolean {
  const match = new RegExp(pattern.source, pattern.flags.replace('g', '').replace('y', '')).exec(text);
  return match !== null && match.index === 0 && match[0].length === text.length;
}

function checkRange(value: number, min: number | undefined, max: number | undefined): void {
  if (min !== undefined && value < min) throw new Error(`must be at least ${min}`);
  if (max !== undefined && value > max) throw new Error(`must be at most ${max}`);
}
