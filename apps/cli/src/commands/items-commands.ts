import { stringOption } from '../args/parse-argv';
import { formatRecord, formatTable } from '../output/format-table';
import type { AdminClient, ItemDto } from '@houston/admin-client';
import type { Command, NamespaceTarget } from './command';

const PAGE_SIZE = 500;

/** Every item, page after page (the server gives at most 500 at a time). */
async function allItems(api: AdminClient, target: NamespaceTarget): Promise<ItemDto[]> {
  const items: ItemDto[] = [];
  for (let page = 0; ; page++) {
    const batch = await api.listItems({ path: target, query: { page, size: PAGE_SIZE } });
    items.push(...batch);
    if (batch.length < PAGE_SIZE) return items;
  }
}

export const secretsCommands: Command[] = [
  {
    words: ['secrets', 'reencrypt'],
    usage: '',
    summary: 're-wrap every secret value under the first key of HOUSTON_SECRET_KEYS (run again to resume)',
    options: [],
    minArgs: 0,
    maxArgs: 0,
    async run(context) {
      const report = await context.api().reencryptSecrets();
      const rows = Object.entries(report.rewritten).map(([table, count]) => `  ${table}: ${count}\n`);
      context.print(() => `re-encrypted under ${report.keyId}:\n${rows.join('')}`, report);
    },
  },
];

export const itemsCommands: Command[] = [
  {
    words: ['items', 'list'],
    usage: '',
    summary: 'list the items of a namespace (not yet released ones included)',
    options: [],
    minArgs: 0,
    maxArgs: 0,
    async run(context) {
      const items = await allItems(context.api(), context.target());
      context.print(
        () =>
          formatTable(items, [
            { header: 'key', value: (item) => item.key },
            { header: 'value', value: (item) => item.value },
            { header: 'secret', value: (item) => (item.secret ? 'yes' : '') },
            { header: 'comment', value: (item) => item.comment },
            { header: 'modified by', value: (item) => item.dataChangeLastModifiedBy },
          ]),
        items,
      );
    },
  },
  {
    words: ['items', 'get'],
    usage: '<key>',
    summary: 'show one item (a secret one masked; --reveal: its clear value, audited)',
    options: ['reveal'],
    minArgs: 1,
    maxArgs: 1,
    async run(context) {
      const item = await context.api().getItem({
        path: { ...context.target(), key: context.args[0]! },
        query: context.options['reveal'] === true ? { reveal: true } : undefined,
      });
      context.print(
        () =>
          formatRecord([
            ['key', item.key],
            ['value', item.value],
            ['secret', item.secret ? 'yes' : 'no'],
            ['comment', item.comment],
            ['version', item.version],
            [
              'modified',
              `${item.dataChangeLastModifiedTime ?? ''} by ${item.dataChangeLastModifiedBy ?? ''}`,
            ],
          ]),
        item,
      );
    },
  },
  {
    words: ['items', 'set'],
    usage: '<key> <value>',
    summary: 'create or update an item (released by `houston release`); --secret: store it encrypted',
    options: ['comment', 'secret'],
    minArgs: 2,
    maxArgs: 2,
    async run(context) {
      const [key, value] = context.args as [string, string];
      const comment = stringOption(context.options, 'comment');
      const item = await context.api().updateItem({
        path: { ...context.target(), key },
        query: { createIfNotExists: true },
        body: { key, value, comment, ...(context.options['secret'] === true ? { secret: true } : {}) },
      });
      context.print(() => `set ${item.key} = ${item.value}\n`, item);
    },
  },
  {
    words: ['items', 'delete'],
    usage: '<key>',
    summary: 'delete an item',
    options: [],
    minArgs: 1,
    maxArgs: 1,
    async run(context) {
      const key = context.args[0]!;
      const target = context.target();
      await context.api().deleteItem({ path: { ...target, key } });
      context.print(() => `deleted ${key}\n`, { ...target, key, deleted: true });
    },
  },
];
