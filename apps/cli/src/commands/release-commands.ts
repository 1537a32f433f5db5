import { stringOption } from '../args/parse-argv';
import { CommandError, UsageError } from '../cli-errors';
import { formatChanges } from '../output/format-changes';
import { formatTable } from '../output/format-table';
import type { Command } from './command';

interface DryRunReport {
  hasChanges: boolean;
  changes: Parameters<typeof formatChanges>[0];
  wouldPublish: boolean;
  checks: Array<{ name: string; passed: boolean; problems: Array<{ path: string; message: string }> }>;
}

/** The diff, then one line per check and one per problem it found. */
function formatDryRun(report: DryRunReport): string {
  const lines = [report.hasChanges ? formatChanges(report.changes).trimEnd() : 'no unreleased changes'];
  for (const check of report.checks) {
    lines.push(`${check.passed ? 'ok  ' : 'FAIL'} ${check.name}`);
    for (const problem of check.problems) lines.push(`     ${problem.path}: ${problem.message}`);
  }
  lines.push(report.wouldPublish ? 'would publish' : 'would be refused');
  return `${lines.join('\n')}\n`;
}

export const releaseCommands: Command[] = [
  {
    words: ['diff'],
    usage: '',
    summary: 'what a release now would change (+ added, ~ modified, - deleted)',
    options: [],
    minArgs: 0,
    maxArgs: 0,
    async run(context) {
      const unreleased = await context.api().getUnreleasedChanges({ path: context.target() });
      context.print(
        () => (unreleased.hasChanges ? formatChanges(unreleased.changes) : 'no unreleased changes\n'),
        unreleased,
      );
    },
  },
  {
    words: ['release'],
    usage: '',
    summary:
      "publish the namespace's items to clients; --dry-run: only show what would change and the checks (exit 1 if one fails)",
    options: ['title', 'comment', 'dry-run'],
    minArgs: 0,
    maxArgs: 0,
    async run(context) {
      const target = context.target();
      if (context.options['dry-run'] === true) {
        const report = await context.api().dryRunRelease({ path: target });
        context.print(() => formatDryRun(report), report);
        if (!report.wouldPublish) throw new CommandError('a check failed: a release now would be refused');
        return;
      }
      const release = await context.api().publishRelease({
        path: target,
        body: {
          releaseTitle: stringOption(context.options, 'title'),
          releaseComment: stringOption(context.options, 'comment'),
        },
      });
      context.print(
        () =>
          `released ${target.appId}/${target.cluster}/${target.namespace}: ${release.name} (id ${release.id}, key ${release.releaseKey})\n`,
        release,
      );
    },
  },
  {
    words: ['rollback'],
    usage: '',
    summary: 'abandon the active release (or every release after --to <releaseId>)',
    options: ['to'],
    minArgs: 0,
    maxArgs: 0,
    async run(context) {
      const target = context.target();
      const toText = stringOption(context.options, 'to');
      const toReleaseId = toText === undefined ? undefined : Number(toText);
      if (toReleaseId !== undefined && !(Number.isInteger(toReleaseId) && toReleaseId > 0)) {
        throw new UsageError('--to must be a release id (a positive integer)');
      }
      const api = context.api();
      const latest = await api.getLatestRelease({ path: target });
      const now = await api.rollbackRelease({ path: { releaseId: latest.id }, query: { toReleaseId } });
      context.print(
        () => `rolled back ${latest.name} (id ${latest.id}); clients now get ${now.name} (id ${now.id})\n`,
        { rolledBack: latest, current: now },
      );
    },
  },
  {
    words: ['history'],
    usage: '',
    summary: 'releases and rollbacks of the namespace, newest first',
    options: [],
    minArgs: 0,
    maxArgs: 0,
    async run(context) {
      const page = await context.api().listReleaseHistories({ path: context.target(), query: { size: 500 } });
      context.print(
        () =>
          formatTable(page.content, [
            { header: 'id', value: (row) => row.id },
            { header: 'operation', value: (row) => row.operationName },
            { header: 'release', value: (row) => row.releaseId },
            { header: 'title', value: (row) => row.releaseTitle },
            { header: 'by', value: (row) => row.dataChangeCreatedBy },
            { header: 'time', value: (row) => row.dataChangeCreatedTime },
          ]),
        page.content,
      );
    },
  },
];
