import type { AdminClient } from '@houston/admin-client';
import type { OptionValue } from '../args/parse-argv';
import type { CliIo } from '../cli-io';

export interface NamespaceTarget {
  appId: string;
  cluster: string;
  namespace: string;
}

export interface CommandContext {
  /** Positionals after the command's own words. */
  args: string[];
  options: Record<string, OptionValue>;
  /** Everything after `--`. */
  rest: string[];
  io: CliIo;
  json: boolean;
  /** The admin-service's operations, typed from its OpenAPI document. */
  api(): AdminClient;
  /** `--app` (required), `--cluster`, `--namespace`. */
  target(): NamespaceTarget;
  /** Prints `human` on a terminal, or `data` as JSON with `--json`. */
  print(human: () => string, data: unknown): void;
  /** Resolves a path given on the command line against the working directory. */
  resolvePath(path: string): string;
}

export interface Command {
  /** The words that name it: `['items', 'set']`. */
  words: string[];
  /** Positional arguments, for help and for the count check: `<key> <value>`. */
  usage: string;
  summary: string;
  /** Command-specific options it accepts (besides the global ones). */
  options: string[];
  minArgs: number;
  maxArgs: number;
  run(context: CommandContext): Promise<number | void>;
}
