import { appsCommands } from './apps-commands';
import { clustersCommands } from './clusters-commands';
import type { Command } from './command';
import { itemsCommands, secretsCommands } from './items-commands';
import { namespacesCommands } from './namespaces-commands';
import { releaseCommands } from './release-commands';
import { rolloutCommands } from './rollout-commands';
import { textCommands } from './text-commands';
import { webhooksCommands } from './webhooks-commands';
import { runCommand } from '../run/run-command';

export const COMMANDS: readonly Command[] = [
  ...appsCommands,
  ...clustersCommands,
  ...namespacesCommands,
  ...itemsCommands,
  ...textCommands,
  ...releaseCommands,
  ...rolloutCommands,
  ...secretsCommands,
  ...webhooksCommands,
  runCommand,
];

/** The command whose words start `positionals`, longest match first. */
export function findCommand(positionals: readonly string[]): Command | undefined {
  return [...COMMANDS]
    .sort((a, b) => b.words.length - a.words.length)
    .find((command) => command.words.every((word, i) => positionals[i] === word));
}
