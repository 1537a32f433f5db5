import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { AdminClient } from '@houston/admin-client';
import { connectAdminApi } from './admin/admin-api';
import { ALL_OPTIONS, GLOBAL_OPTIONS } from './args/cli-options';
import { listOption, parseArgv, stringOption, type ParsedArgv } from './args/parse-argv';
import { ApiError, hintFor, isCliError, UsageError } from './cli-errors';
import type { CliIo } from './cli-io';
import type { Command, CommandContext } from './commands/command';
import { COMMANDS, findCommand } from './commands/command-table';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './exit-codes';
import { formatJson } from './output/format-table';
import { commandHelp, usageText } from './usage';

export const DEFAULT_ADMIN_URL = 'http://127.0.0.1:8090';

/**
 * Runs one `houston` command line and returns its exit code; never calls `process.exit`, so tests
 * run it in-process with their own output buffers and environment.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let json = argv.includes('--json');
  try {
    const parsed = parseArgv(argv, ALL_OPTIONS);
    json = parsed.options['json'] === true;
    if (parsed.positionals.length === 0 || parsed.positionals[0] === 'help') {
      const topic = parsed.positionals.length > 1 ? findCommand(parsed.positionals.slice(1)) : undefined;
      const asked = parsed.options['help'] === true || parsed.positionals[0] === 'help';
      (asked ? io.stdout : io.stderr).write(topic ? commandHelp(topic) : usageText(COMMANDS));
      return asked ? EXIT_OK : EXIT_USAGE;
    }
    const command = findCommand(parsed.positionals);
    if (!command) throw new UsageError(`unknown command: ${parsed.positionals.join(' ')} (try houston help)`);
    if (parsed.options['help'] === true) {
      io.stdout.write(commandHelp(command));
      return EXIT_OK;
    }
    const context = contextFor(command, parsed, io);
    return (await command.run(context)) ?? EXIT_OK;
  } catch (error) {
    return report(error, io, json);
  }
}

function contextFor(command: Command, parsed: ParsedArgv, io: CliIo): CommandContext {
  const allowed = new Set([...GLOBAL_OPTIONS.map((spec) => spec.name), ...command.options]);
  for (const name of Object.keys(parsed.options)) {
    if (!allowed.has(name)) throw new UsageError(`${command.words.join(' ')} does not take --${name}`);
  }
  const args = parsed.positionals.slice(command.words.length);
  const name = command.words.join(' ');
  if (args.length < command.minArgs) throw new UsageError(`${name} needs ${command.usage}`);
  if (args.length > command.maxArgs)
    throw new UsageError(`${name}: unexpected argument ${args[command.maxArgs]}`);
  if (parsed.rest.length > 0 && command.words[0] !== 'run')
    throw new UsageError(`${name} takes nothing after --`);

  const { options } = parsed;
  const json = options['json'] === true;
  const cwd = io.cwd ?? process.cwd();
  let api: AdminClient | undefined;
  return {
    args,
    options,
    rest: parsed.rest,
    io,
    json,
    api() {
      api ??= connectAdminApi(
        stringOption(options, 'admin-url') ?? io.env['HOUSTON_ADMIN_URL'] ?? DEFAULT_ADMIN_URL,
        stringOption(options, 'operator') ?? io.env['HOUSTON_OPERATOR'] ?? defaultOperator(io.env),
        io.fetch ?? fetch,
        // From the environment only: a token on the command line would show in `ps`.
        io.env['HOUSTON_ADMIN_TOKEN'],
      );
      return api;
    },
    target() {
      const appId = stringOption(options, 'app') ?? io.env['HOUSTON_APP'];
      if (!appId) throw new UsageError(`${name} needs --app <appId>`);
      const namespaces = listOption(options, 'namespace');
      if (namespaces.length > 1) throw new UsageError(`${name} works on one namespace; give -n once`);
      return {
        appId,
        cluster: stringOption(options, 'cluster') ?? 'default',
        namespace: namespaces[0] ?? 'application',
      };
    },
    print(human, data) {
      io.stdout.write(json ? formatJson(data) : human());
    },
    resolvePath: (path) => resolve(cwd, path),
  };
}

function defaultOperator(env: Record<string, string | undefined>): string {
  try {
    return userInfo().username;
  } catch {
    // no passwd entry (some containers): the usual variables still name someone
    return env['USER'] ?? env['LOGNAME'] ?? 'houston-cli';
  }
}

/** One line on stderr that names the server's code, or the error body as JSON with `--json`. */
function report(error: unknown, io: CliIo, json: boolean): number {
  if (isCliError(error)) {
    if (error instanceof ApiError) {
      if (json) {
        io.stderr.write(
          formatJson({
            status: error.status,
            code: error.code,
            message: error.message,
            details: error.details,
          }),
        );
      } else {
        const details = error.details === undefined ? '' : ` ${JSON.stringify(error.details)}`;
        io.stderr.write(`houston: ${error.code}: ${error.message}${details}\n`);
        const hint = hintFor(error);
        if (hint) io.stderr.write(`houston: ${hint}\n`);
      }
    } else if (json) {
      io.stderr.write(formatJson({ code: codeOf(error), message: error.message }));
    } else {
      io.stderr.write(`houston: ${error.message}\n`);
      if (error instanceof UsageError) io.stderr.write('Run houston help for the commands and options.\n');
    }
    return error.exitCode;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`houston: unexpected failure: ${message}\n`);
  return EXIT_FAILED;
}

function codeOf(error: Error): string {
  if (error instanceof UsageError) return 'USAGE';
  return error.constructor.name === 'UnreachableError' ? 'UNREACHABLE' : 'FAILED';
}
