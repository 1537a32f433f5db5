/** A fenced shell block of a README, with the line its fence opens on. */
export interface ShellBlock {
  line: number;
  code: string;
  /** Marked ```sh real-services: it starts its own servers on the real MariaDB and Redis. */
  realServices: boolean;
}

const SHELL_LANGUAGES = new Set(['sh', 'bash', 'shell']);

/**
 * The README's shell blocks (```sh, ```bash, ```shell) that a reader is meant to run, in order.
 * A block whose info string says `no-run` (```sh no-run: `npm start`, commands for another
 * machine) is left out; blocks in other languages are never run. A block marked `real-services`
 * needs MariaDB and Redis on 127.0.0.1 and runs apart from the others.
 */
export function runnableShellBlocks(markdown: string): ShellBlock[] {
  const blocks: ShellBlock[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const fence = /^(`{3,})(.*)$/.exec(lines[index]!);
    if (!fence) continue;
    const [language, ...flags] = fence[2]!.trim().split(/\s+/);
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && !lines[index]!.startsWith(fence[1]!); index++)
      body.push(lines[index]!);
    if (SHELL_LANGUAGES.has(language ?? '') && !flags.includes('no-run')) {
      blocks.push({ line: start + 1, code: body.join('\n'), realServices: flags.includes('real-services') });
    }
  }
  return blocks;
}
