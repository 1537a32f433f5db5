import { isNamespaceFormat, NAMESPACE_FORMATS } from '@houston/domain';
import { stringOption } from '../args/parse-argv';
import { UsageError } from '../cli-errors';
import { formatTable } from '../output/format-table';
import type { Command } from './command';

export const namespacesCommands: Command[] = [
  {
    words: ['namespaces', 'list'],
    usage: '',
    summary: 'list the namespaces of --app in --cluster',
    options: [],
    minArgs: 0,
    maxArgs: 0,
    async run(context) {
      const { appId, cluster } = context.target();
      const namespaces = await context.api().listNamespaces({ path: { appId, cluster } });
      context.print(
        () =>
          formatTable(namespaces, [
            { header: 'namespace', value: (ns) => ns.namespaceName },
            { header: 'format', value: (ns) => ns.format },
            { header: 'public', value: (ns) => (ns.isPublic ? 'yes' : 'no') },
            { header: 'items', value: (ns) => ns.items.length },
            { header: 'comment', value: (ns) => ns.comment },
          ]),
        namespaces,
      );
    },
  },
  {
    words: ['namespaces', 'create'],
    usage: '<name>',
    summary: `define a namespace (--format ${NAMESPACE_FORMATS.join('|')}, --public)`,
    options: ['format', 'public', 'comment'],
    minArgs: 1,
    maxArgs: 1,
    async run(context) {
      const { appId } = context.target();
      const format = stringOption(context.options, 'format') ?? 'properties';
      if (!isNamespaceFormat(format)) {
        throw new UsageError(`--format must be one of ${NAMESPACE_FORMATS.join(', ')}`);
      }
      const created = await context.api().createAppNamespace({
        path: { appId },
        body: {
          name: context.args[0]!,
          format,
          isPublic: context.options['public'] === true,
          comment: stringOption(context.options, 'comment'),
        },
      });
      context.print(
        () =>
          `created ${created.isPublic ? 'public' : 'private'} namespace ${created.name} (${created.format})\n`,
        created,
      );
    },
  },
];
