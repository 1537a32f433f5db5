import { readFile, writeFile } from 'node:fs/promises';
import { stringOption } from '../args/parse-argv';
import { CommandError, UsageError } from '../cli-errors';
import type { Command } from './command';

export const textCommands: Command[] = [
  {
    words: ['export'],
    usage: '',
    summary: "print the namespace's text (properties, or the document), or write it to --file",
    options: ['file'],
    minArgs: 0,
    maxArgs: 0,
    async run(context) {
      const target = context.target();
      const namespace = await context.api().getNamespace({ path: target });
      const file = stringOption(context.options, 'file');
      if (file) {
        const path = context.resolvePath(file);
        await writeFile(path, namespace.configText).catch((error: Error) => {
          throw new CommandError(`cannot write ${path}: ${error.message}`);
        });
        context.print(() => `wrote ${target.namespace} (revision ${namespace.revision}) to ${file}\n`, {
          ...target,
          file: path,
          revision: namespace.revision,
        });
        return;
      }
      if (context.json) {
        context.print(() => '', {
          ...target,
          format: namespace.format,
          revision: namespace.revision,
          configText: namespace.configText,
        });
        return;
      }
      const text = namespace.configText;
      context.io.stdout.write(text.endsWith('\n') || text === '' ? text : text + '\n');
    },
  },
  {
    words: ['import'],
    usage: '',
    summary: "replace the namespace's items with the text of --file, in one change",
    options: ['file'],
    minArgs: 0,
    maxArgs: 0,
    async run(context) {
      const file = stringOption(context.options, 'file');
      if (!file) throw new UsageError('import needs --file <path>');
      const target = context.target();
      const path = context.resolvePath(file);
      const configText = await readFile(path, 'utf8').catch((error: Error) => {
        throw new CommandError(`cannot read ${path}: ${error.message}`);
      });
      const summary = await context.api().modifyItemsByText({ path: target, body: { configText } });
      context.print(
        () =>
          `imported ${file} into ${target.namespace}: ${summary.created} created, ${summary.updated} updated, ` +
          `${summary.deleted} deleted (not released yet)\n`,
        summary,
      );
    },
  },
];
