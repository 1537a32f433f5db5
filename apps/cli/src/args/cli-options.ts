import type { OptionSpec } from './parse-argv';

/** Options every command understands. */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'admin-url', type: 'string' },
  { name: 'operator', type: 'string' },
  { name: 'json', type: 'boolean' },
  { name: 'app', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'namespace', short: 'n', type: 'string', multiple: true },
  { name: 'help', short: 'h', type: 'boolean' },
];

/** Options of particular commands; each command lists which of them it accepts. */
export const COMMAND_OPTIONS: readonly OptionSpec[] = [
  { name: 'name', type: 'string' },
  { name: 'org', type: 'string' },
  { name: 'owner', type: 'string' },
  { name: 'email', type: 'string' },
  { name: 'format', type: 'string' },
  { name: 'public', type: 'boolean' },
  { name: 'comment', type: 'string' },
  { name: 'file', short: 'f', type: 'string' },
  { name: 'title', type: 'string' },
  { name: 'dry-run', type: 'boolean' },
  { name: 'secret', type: 'boolean' },
  { name: 'reveal', type: 'boolean' },
  { name: 'to', type: 'string' },
  { name: 'meta-url', type: 'string' },
  { name: 'config-url', type: 'string' },
  { name: 'template', short: 't', type: 'string', multiple: true },
  { name: 'check', type: 'string' },
  { name: 'check-timeout', type: 'string' },
  { name: 'on-change', type: 'string' },
  { name: 'debounce', type: 'string' },
  { name: 'on-check-fail', type: 'string' },
  { name: 'cache-dir', type: 'string' },
  { name: 'stop-timeout', type: 'string' },
  { name: 'steps', type: 'string' },
  { name: 'branch', type: 'string' },
  { name: 'max-rejected', type: 'string' },
  { name: 'max-silent', type: 'string' },
  { name: 'silent-after', type: 'string' },
  { name: 'check-url', type: 'string' },
  { name: 'on-failure', type: 'string' },
  { name: 'reason', type: 'string' },
  { name: 'events', type: 'string' },
  { name: 'status', type: 'string' },
  { name: 'webhook', type: 'string' },
  { name: 'size', type: 'string' },
  { name: 'timeout-ms', type: 'string' },
  { name: 'fail-open', type: 'boolean' },
];

export const ALL_OPTIONS: readonly OptionSpec[] = [...GLOBAL_OPTIONS, ...COMMAND_OPTIONS];
