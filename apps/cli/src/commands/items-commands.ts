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
    summary: 'show one item',
    options: [],
    minArgs: 1,
    maxArgs: 1,
    async run(context) {
      const item = await context.api().getItem({ path: { ...context.target(), key: context.args[0]! } });
      context.print(
        () =>
          formatRecord([
            ['key', item.key],
            ['value', item.value],
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
    summary: 'create or update an item (released by `houston release`)',
    options: ['comment'],
    minArgs: 2,
    maxArgs: 2,
    async run(context) {
      const [key, value] = context.args as [string, string];
      const comment = stringOption(context.options, 'comment');
      const item = await context.api().updateItem({
        path: { ...context.target(), key },
        query: { createIfNotExists: true },
        body: { key, value, comment },
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
