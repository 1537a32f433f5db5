import { listOption, stringOption, type OptionValue } from '../args/parse-argv';
import { UsageError } from '../cli-errors';
import { parseDuration } from './parse-duration';

export interface TemplateSpec {
  source: string;
  destination: string;
}

export type ChangeAction =
  { kind: 'restart' } | { kind: 'signal'; signal: NodeJS.Signals } | { kind: 'none' };

export interface RunOptions {
  appId: string;
  cluster: string;
  namespaces: string[];
  metaServerUrl?: string;
  configServiceUrl?: string;
  templates: TemplateSpec[];
  check?: string;
  checkTimeoutMs: number;
  onChange: ChangeAction;
  debounceMs: number;
  onCheckFail: 'keep' | 'exit';
  cacheDir?: string;
  stopTimeoutMs: number;
  /** The program and its arguments. */
  command: string[];
}

const SIGNAL = /^SIG[A-Z0-9]+$/;

function duration(options: Record<string, OptionValue>, name: string, fallback: number): number {
  const text = stringOption(options, name);
  if (text === undefined) return fallback;
  const ms = parseDuration(text);
  if (ms === null) throw new UsageError(`--${name} must be a duration such as 500ms, 2s or 1m (got ${text})`);
  return ms;
}

/** `src:dest`, split at the first colon; relative paths are taken from `cwd`. */
export function parseTemplateSpec(text: string): TemplateSpec {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) {
    throw new UsageError(`--template must be <template>:<destination> (got ${text})`);
  }
  return { source: text.slice(0, colon), destination: text.slice(colon + 1) };
}

export function parseChangeAction(text: string | undefined): ChangeAction {
  if (text === undefined || text === 'restart') return { kind: 'restart' };
  if (text === 'none') return { kind: 'none' };
  if (text.startsWith('signal:')) {
    const name = text.slice('signal:'.length).toUpperCase();
    const signal = name.startsWith('SIG') ? name : `SIG${name}`;
    if (SIGNAL.test(signal)) return { kind: 'signal', signal: signal as NodeJS.Signals };
  }
  throw new UsageError(`--on-change must be restart, signal:<SIGNAL> or none (got ${text})`);
}

/** Turns `houston run`'s command line into settings, or says what is wrong with it. */
export function runOptionsOf(
  options: Record<string, OptionValue>,
  rest: string[],
  env: Record<string, string | undefined>,
): RunOptions {
  const appId = stringOption(options, 'app') ?? env['HOUSTON_APP'];
  if (!appId) throw new UsageError('run needs --app <appId>');
  const metaServerUrl = stringOption(options, 'meta-url') ?? env['HOUSTON_META_URL'];
  const configServiceUrl = stringOption(options, 'config-url') ?? env['HOUSTON_CONFIG_URL'];
  if (!metaServerUrl && !configServiceUrl)
    throw new UsageError('run needs --meta-url <url> or --config-url <url>');
  if (rest.length === 0)
    throw new UsageError('run needs the program after --: houston run [options] -- <program> [args...]');
  const templates = listOption(options, 'template').map(parseTemplateSpec);
  const onCheckFail = stringOption(options, 'on-check-fail') ?? 'keep';
  if (onCheckFail !== 'keep' && onCheckFail !== 'exit') {
    throw new UsageError(`--on-check-fail must be keep or exit (got ${onCheckFail})`);
  }
  const namespaces = listOption(options, 'namespace');
  return {
    appId,
    cluster: stringOption(options, 'cluster') ?? 'default',
    namespaces: namespaces.length > 0 ? [...new Set(namespaces)] : ['application'],
    // Both given: the config-service wins, it needs no discovery round trip.
    ...(configServiceUrl ? { configServiceUrl } : { metaServerUrl }),
    templates,
    check: stringOption(options, 'check'),
    checkTimeoutMs: duration(options, 'check-timeout', 60_000),
    onChange: parseChangeAction(stringOption(options, 'on-change')),
    debounceMs: duration(options, 'debounce', 1000),
    onCheckFail,
    cacheDir: stringOption(options, 'cache-dir'),
    stopTimeoutMs: duration(options, 'stop-timeout', 10_000),
    command: rest,
  };
}
