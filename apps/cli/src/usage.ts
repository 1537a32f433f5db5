import { COMMAND_OPTIONS } from './args/cli-options';
import type { Command } from './commands/command';

function optionHint(name: string): string {
  const spec = COMMAND_OPTIONS.find((option) => option.name === name);
  return spec?.type === 'string'
    ? `[--${name} <${name === 'template' ? 'src:dest' : 'value'}>]`
    : `[--${name}]`;
}

const GLOBAL_HELP = `Global options:
  --admin-url <url>     admin-service (env HOUSTON_ADMIN_URL, default http://127.0.0.1:8090)
  --operator <name>     who makes the change, sent as X-Operator (env HOUSTON_OPERATOR, default: your user name)
                        the admin-service's token is read from env HOUSTON_ADMIN_TOKEN (never an option)
  --app <appId>         the app (env HOUSTON_APP)
  --cluster <name>      the cluster (default: default)
  -n, --namespace <ns>  the namespace (default: application)
  --json                machine-readable output
  -h, --help            this help

Exit codes: 0 ok, 1 the server said no or the command failed, 2 usage error, 3 cannot reach the server.`;

export function usageText(commands: readonly Command[]): string {
  const lines = commands.map((command) => {
    const head = [...command.words, command.usage].filter(Boolean).join(' ');
    const options = command.options.length
      ? ' ' + command.options.map((name) => `[--${name}]`).join(' ')
      : '';
    return { head: head + options, summary: command.summary };
  });
  const width = Math.min(60, Math.max(...lines.map((line) => line.head.length)));
  const body = lines.map(({ head, summary }) =>
    head.length > width
      ? `  ${head}\n  ${''.padEnd(width)}  ${summary}`
      : `  ${head.padEnd(width)}  ${summary}`,
  );
  return `Usage: houston <command> [options]\n\nCommands:\n${body.join('\n')}\n\n${GLOBAL_HELP}\n`;
}

export function commandHelp(command: Command): string {
  const options = command.options.map(optionHint).join(' ');
  return `Usage: houston ${[...command.words, command.usage, options].filter(Boolean).join(' ')}\n\n${command.summary}\n\n${GLOBAL_HELP}\n`;
}
