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
    summary: `define a namespace (--format ${NAMESPACE_FORMATS.join('|')}, --public, --secret: every item encrypted)`,
    options: ['format', 'public', 'secret', 'comment'],
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
          ...(context.options['secret'] === true ? { isSecret: true } : {}),
          comment: stringOption(context.options, 'comment'),
        },
      });
      context.print(
        () =>
          `created ${created.isPublic ? 'public' : 'private'}${created.isSecret ? ' secret' : ''} namespace ${created.name} (${created.format})\n`,
        created,
      );
    },
  },
  {
    words: ['namespaces', 'secret'],
    usage: '<name> on|off',
    summary:
      'on: every item of the namespace is secret (the clear ones are encrypted now); off: new items are clear again',
    options: [],
    minArgs: 2,
    maxArgs: 2,
    async run(context) {
      const { appId } = context.target();
      const [name, switched] = context.args as [string, string];
      if (switched !== 'on' && switched !== 'off') throw new UsageError('say on or off');
      const updated = await context.api().setAppNamespaceSecret({
        path: { appId, namespace: name },
        body: { secret: switched === 'on' },
      });
      context.print(
        () =>
          `namespace ${updated.name} is ${updated.isSecret ? 'secret: every item encrypted' : 'no longer secret'}\n`,
        updated,
      );
    },
  },
];
