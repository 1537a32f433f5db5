import { stringOption } from '../args/parse-argv';
import { formatTable } from '../output/format-table';
import type { Command } from './command';

export const clustersCommands: Command[] = [
  {
    words: ['clusters', 'list'],
    usage: '',
    summary: "list the app's clusters",
    options: [],
    minArgs: 0,
    maxArgs: 0,
    async run(context) {
      const { appId } = context.target();
      const clusters = await context.api().listClusters({ path: { appId } });
      context.print(
        () =>
          formatTable(clusters, [
            { header: 'cluster', value: (cluster) => cluster.name },
            { header: 'comment', value: (cluster) => cluster.comment },
            { header: 'created by', value: (cluster) => cluster.dataChangeCreatedBy },
          ]),
        clusters,
      );
    },
  },
  {
    words: ['clusters', 'create'],
    usage: '<name>',
    summary: 'create a cluster (it gets every namespace of the app)',
    options: ['comment'],
    minArgs: 1,
    maxArgs: 1,
    async run(context) {
      const { appId } = context.target();
      const cluster = await context.api().createCluster({
        path: { appId },
        body: { name: context.args[0]!, comment: stringOption(context.options, 'comment') },
      });
      context.print(() => `created cluster ${cluster.name} of ${appId}\n`, cluster);
    },
  },
  {
    words: ['clusters', 'delete'],
    usage: '<name>',
    summary: 'delete a cluster with its namespaces and items',
    options: [],
    minArgs: 1,
    maxArgs: 1,
    async run(context) {
      const { appId } = context.target();
      const name = context.args[0]!;
      await context.api().deleteCluster({ path: { appId, cluster: name } });
      context.print(() => `deleted cluster ${name} of ${appId}\n`, { appId, cluster: name, deleted: true });
    },
  },
];
