import { UsageError } from '../cli-errors';
import { stringOption } from '../args/parse-argv';
import { formatRecord, formatTable } from '../output/format-table';
import type { Command } from './command';

export const appsCommands: Command[] = [
  {
    words: ['apps', 'list'],
    usage: '',
    summary: 'list apps',
    options: [],
    minArgs: 0,
    maxArgs: 0,
    async run(context) {
      const apps = await context.api().listApps();
      context.print(
        () =>
          formatTable(apps, [
            { header: 'app', value: (app) => app.appId },
            { header: 'name', value: (app) => app.name },
            { header: 'org', value: (app) => app.orgId },
            { header: 'owner', value: (app) => app.ownerName },
          ]),
        apps,
      );
    },
  },
  {
    words: ['apps', 'get'],
    usage: '[<appId>]',
    summary: 'show one app (default: --app)',
    options: [],
    minArgs: 0,
    maxArgs: 1,
    async run(context) {
      const appId = context.args[0] ?? stringOption(context.options, 'app');
      if (!appId) throw new UsageError('apps get needs an app id');
      const app = await context.api().getApp({ path: { appId } });
      context.print(
        () =>
          formatRecord([
            ['app', app.appId],
            ['name', app.name],
            ['org', app.orgName && app.orgName !== app.orgId ? `${app.orgId} (${app.orgName})` : app.orgId],
            ['owner', app.ownerEmail ? `${app.ownerName} <${app.ownerEmail}>` : app.ownerName],
            ['incremental sync', app.incrementalSync ? 'on' : 'off'],
            ['modified', app.dataChangeLastModifiedTime],
          ]),
        app,
      );
    },
  },
  {
    words: ['apps', 'create'],
    usage: '<appId>',
    summary: 'create an app (with cluster default and namespace application)',
    options: ['name', 'org', 'owner', 'email'],
    minArgs: 1,
    maxArgs: 1,
    async run(context) {
      const appId = context.args[0]!;
      const body = {
        appId,
        name: stringOption(context.options, 'name') ?? appId,
        orgId: stringOption(context.options, 'org'),
        ownerName: stringOption(context.options, 'owner'),
        ownerEmail: stringOption(context.options, 'email'),
      };
      const app = await context.api().createApp({ body });
      context.print(() => `created app ${app.appId} (${app.name})\n`, app);
    },
  },
  {
    words: ['apps', 'incremental-sync'],
    usage: '<appId> on|off',
    summary:
      "answer /configs with only the changes since the client's release (apollo-java 2.4+ clients only)",
    options: [],
    minArgs: 2,
    maxArgs: 2,
    async run(context) {
      const [appId, state] = context.args as [string, string];
      if (state !== 'on' && state !== 'off') throw new UsageError('apps incremental-sync needs on or off');
      const app = await context
        .api()
        .updateApp({ path: { appId }, body: { incrementalSync: state === 'on' } });
      context.print(
        () => `incremental sync ${app.incrementalSync ? 'on' : 'off'} for app ${app.appId}\n`,
        app,
      );
    },
  },
];
