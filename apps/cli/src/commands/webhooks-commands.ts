import type { CreateNotificationWebhookDto, WebhookDeliveryDto } from '@houston/admin-client';
import { listOption, stringOption, wholeNumberOption } from '../args/parse-argv';
import { UsageError } from '../cli-errors';
import { formatTable } from '../output/format-table';
import type { Command, CommandContext } from './command';

const STATUSES = ['pending', 'delivering', 'delivered', 'failed'] as const;

function appOf(context: CommandContext): string {
  return context.target().appId;
}

function idArg(context: CommandContext, what: string): number {
  const given = context.args[0] ?? '';
  if (!/^\d+$/.test(given)) throw new UsageError(`${what} id must be a number, not '${given}'`);
  return Number(given);
}

/**
 * What both kinds of webhook are registered with: the URL argument, the signing key from
 * HOUSTON_WEBHOOK_SECRET (never an option, so it stays out of shell history) and at most one
 * namespace (none: the whole app).
 */
function hookTarget(context: CommandContext): { url: string; secret: string; namespaceName?: string } {
  const secret = context.io.env['HOUSTON_WEBHOOK_SECRET'];
  if (!secret) throw new UsageError('set HOUSTON_WEBHOOK_SECRET to the signing key (16 to 256 characters)');
  const namespaces = listOption(context.options, 'namespace');
  if (namespaces.length > 1)
    throw new UsageError('a webhook watches one namespace or the whole app; give -n once');
  return { url: context.args[0]!, secret, ...(namespaces[0] ? { namespaceName: namespaces[0] } : {}) };
}

function formatDeliveries(rows: WebhookDeliveryDto[]): string {
  return formatTable(rows, [
    { header: 'id', value: (row) => row.id },
    { header: 'hook', value: (row) => row.webhookId },
    { header: 'event', value: (row) => row.event },
    { header: 'namespace', value: (row) => row.namespaceName },
    { header: 'status', value: (row) => row.status },
    { header: 'attempts', value: (row) => row.attempts },
    { header: 'last status', value: (row) => (row.lastStatus ? row.lastStatus : '') },
    { header: 'last error', value: (row) => row.lastError },
    { header: 'created', value: (row) => row.createdAt },
  ]);
}

function formatDelivery(row: WebhookDeliveryDto): string {
  const lines = [
    `delivery ${row.id} to webhook ${row.webhookId}: ${row.event} of ${row.appId}/${row.namespaceName}, ${row.status} after ${row.attempts} attempt(s)`,
  ];
  if (row.status === 'pending') lines.push(`next attempt: ${row.nextAttemptAt}`);
  if (row.lastAttemptAt) lines.push(`last attempt: ${row.lastAttemptAt} (HTTP ${row.lastStatus || 'none'})`);
  if (row.lastError) lines.push(`last error: ${row.lastError}`);
  if (row.payload !== undefined) lines.push(JSON.stringify(row.payload, null, 2));
  return `${lines.join('\n')}\n`;
}

export const webhooksCommands: Command[] = [
  {
    words: ['webhooks', 'list'],
    usage: '',
    summary: "the app's notification webhooks (told after each release; secrets are never shown)",
    options: [],
    minArgs: 0,
    maxArgs: 0,
    async run(context) {
      const hooks = await context.api().listNotificationWebhooks({ path: { appId: appOf(context) } });
      context.print(
        () =>
          formatTable(hooks, [
            { header: 'id', value: (hook) => hook.id },
            { header: 'url', value: (hook) => hook.url },
            { header: 'namespace', value: (hook) => hook.namespaceName || '(every)' },
            { header: 'events', value: (hook) => hook.events.join(',') },
            { header: 'created by', value: (hook) => hook.createdBy },
          ]),
        hooks,
      );
    },
  },
  {
    words: ['webhooks', 'add'],
    usage: '<url>',
    summary:
      'register a notification webhook, signed with HOUSTON_WEBHOOK_SECRET (an environment variable, never an option) [--events release,rollback,merge,… -n namespace]',
    options: ['events'],
    minArgs: 1,
    maxArgs: 1,
    async run(context) {
      const events = stringOption(context.options, 'events');
      const target = hookTarget(context);
      const hook = await context.api().createNotificationWebhook({
        path: { appId: appOf(context) },
        body: {
          ...target,
          ...(events
            ? {
                events: events
                  .split(',')
                  .map((event) => event.trim()) as CreateNotificationWebhookDto['events'],
              }
            : {}),
        },
      });
      context.print(() => `webhook ${hook.id}: ${hook.url} (${hook.events.join(',')})\n`, hook);
    },
  },
  {
    words: ['webhooks', 'remove'],
    usage: '<id>',
    summary: 'delete a notification webhook; its deliveries not yet sent are failed',
    options: [],
    minArgs: 1,
    maxArgs: 1,
    async run(context) {
      const id = idArg(context, 'webhook');
      await context.api().deleteNotificationWebhook({ path: { appId: appOf(context), id } });
      context.print(() => `webhook ${id} deleted\n`, { id, deleted: true });
    },
  },
  {
    words: ['validation-hooks', 'list'],
    usage: '',
    summary: "the app's validation webhooks (asked before each release; secrets are never shown)",
    options: [],
    minArgs: 0,
    maxArgs: 0,
    async run(context) {
      const hooks = await context.api().listReleaseWebhooks({ path: { appId: appOf(context) } });
      context.print(
        () =>
          formatTable(hooks, [
            { header: 'id', value: (hook) => hook.id },
            { header: 'url', value: (hook) => hook.url },
            { header: 'namespace', value: (hook) => hook.namespaceName || '(all)' },
            { header: 'timeout ms', value: (hook) => hook.timeoutMs },
            { header: 'on failure', value: (hook) => hook.failurePolicy },
            { header: 'created by', value: (hook) => hook.createdBy },
          ]),
        hooks,
      );
    },
  },
  {
    words: ['validation-hooks', 'add'],
    usage: '<url>',
    summary:
      'register a validation webhook that may veto each release, signed with HOUSTON_WEBHOOK_SECRET (an environment variable, never an option) [-n namespace --timeout-ms 5000 --fail-open]',
    options: ['timeout-ms', 'fail-open'],
    minArgs: 1,
    maxArgs: 1,
    async run(context) {
      const timeoutMs = wholeNumberOption(context.options, 'timeout-ms');
      const target = hookTarget(context);
      const hook = await context.api().createReleaseWebhook({
        path: { appId: appOf(context) },
        body: {
          ...target,
          ...(timeoutMs !== undefined ? { timeoutMs } : {}),
          ...(context.options['fail-open'] === true ? { failurePolicy: 'fail-open' as const } : {}),
        },
      });
      context.print(() => `validation webhook ${hook.id}: ${hook.url} (${hook.failurePolicy})\n`, hook);
    },
  },
  {
    words: ['validation-hooks', 'remove'],
    usage: '<id>',
    summary: 'delete a validation webhook; releases are no longer asked to it',
    options: [],
    minArgs: 1,
    maxArgs: 1,
    async run(context) {
      const id = idArg(context, 'webhook');
      await context.api().deleteReleaseWebhook({ path: { appId: appOf(context), id } });
      context.print(() => `validation webhook ${id} deleted\n`, { id, deleted: true });
    },
  },
  {
    words: ['webhooks', 'deliveries'],
    usage: '',
    summary:
      "the app's notification deliveries, newest first, with status, attempts and last error [--status failed --webhook ID --size N]",
    options: ['status', 'webhook', 'size'],
    minArgs: 0,
    maxArgs: 0,
    async run(context) {
      const status = stringOption(context.options, 'status');
      if (status !== undefined && !(STATUSES as readonly string[]).includes(status))
        throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
      const rows = await context.api().listWebhookDeliveries({
        path: { appId: appOf(context) },
        query: {
          status: status as (typeof STATUSES)[number] | undefined,
          webhookId: wholeNumberOption(context.options, 'webhook'),
          size: wholeNumberOption(context.options, 'size'),
        },
      });
      context.print(() => formatDeliveries(rows), rows);
    },
  },
  {
    words: ['webhooks', 'deliveries', 'show'],
    usage: '<id>',
    summary: 'one delivery with the body it sends',
    options: [],
    minArgs: 1,
    maxArgs: 1,
    async run(context) {
      const row = await context
        .api()
        .getWebhookDelivery({ path: { appId: appOf(context), id: idArg(context, 'delivery') } });
      context.print(() => formatDelivery(row), row);
    },
  },
  {
    words: ['webhooks', 'deliveries', 'redeliver'],
    usage: '<id>',
    summary: 'send a failed delivery again (its attempts start over)',
    options: [],
    minArgs: 1,
    maxArgs: 1,
    async run(context) {
      const row = await context
        .api()
        .redeliverWebhookDelivery({ path: { appId: appOf(context), id: idArg(context, 'delivery') } });
      context.print(() => formatDelivery(row), row);
    },
  },
];
