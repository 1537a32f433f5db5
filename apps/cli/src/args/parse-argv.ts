import { UsageError } from '../cli-errors';

export interface OptionSpec {
  name: string;
  short?: string;
  type: 'string' | 'boolean';
  /** Repeatable: every occurrence is kept, in order. */
  multiple?: boolean;
}

export type OptionValue = string | boolean | string[];

export interface ParsedArgv {
  positionals: string[];
  options: Record<string, OptionValue>;
  /** Everything after `--`, untouched (the program `houston run` starts). */
  rest: string[];
}

/**
 * A small getopt: `--name value`, `--name=value`, `-n value`, boolean flags, repeatable options,
 * options anywhere among the positionals, and `--` ending option parsing.
 */
export function parseArgv(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgv {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const byShort = new Map(specs.filter((spec) => spec.short).map((spec) => [spec.short!, spec]));
  const positionals: string[] = [];
  const options: Record<string, OptionValue> = {};

  const set = (spec: OptionSpec, value: string | boolean) => {
    if (spec.multiple) {
      const list = (options[spec.name] as string[] | undefined) ?? [];
      options[spec.name] = [...list, String(value)];
    } else {
      options[spec.name] = value;
    }
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return { positionals, options, rest: argv.slice(i + 1) };
    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
      spec = byName.get(name);
      if (!spec) throw new UsageError(`unknown option --${name}`);
    } else if (arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) {
      const short = arg.slice(1, 2);
      spec = byShort.get(short);
      if (!spec) throw new UsageError(`unknown option -${short}`);
      inline = arg.length > 2 ? arg.slice(2).replace(/^=/, '') : undefined;
    } else {
      positionals.push(arg);
      continue;
    }
    if (spec.type === 'boolean') {
      if (inline !== undefined && inline !== 'true' && inline !== 'false') {
        throw new UsageError(`--${spec.name} takes no value`);
      }
      set(spec, inline !== 'false');
      continue;
    }
    if (inline !== undefined) {
      set(spec, inline);
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value === '--') throw new UsageError(`--${spec.name} needs a value`);
    set(spec, value);
    i++;
  }
  return { positionals, options, rest: [] };
}

/** The last value given for a string option (a repeated single option means the last one wins). */
export function stringOption(options: Record<string, OptionValue>, name: string): string | undefined {
  const value = options[name];
  if (value === undefined || typeof value === 'boolean') return undefined;
  return Array.isArray(value) ? value[value.length - 1] : value;
}

/** A whole-number option (a count, an id, a size), refused in words when it is anything else. */
export function wholeNumberOption(options: Record<string, OptionValue>, name: string): number | undefined {
  const text = stringOption(options, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name} must be a whole number`);
  return Number(text);
}

export function listOption(options: Record<string, OptionValue>, name: string): string[] {
  const value = options[name];
  if (value === undefined || typeof value === 'boolean') return [];
  return Array.isArray(value) ? value : [value];
}
