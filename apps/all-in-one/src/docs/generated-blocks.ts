/**
 * README sections written by a script between two markers:
 *
 *     <!-- generated:<kind> <argument> -->
 *     …replaced on every run…
 *     <!-- /generated:<kind> -->
 *
 * `render(argument)` gives the block's new body; everything outside the markers is kept.
 */
export function fillGeneratedBlocks(
  text: string,
  kind: string,
  render: (argument: string) => string,
): string {
  const escaped = kind.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const block = new RegExp(
    `(<!-- generated:${escaped} ([^\\s>]+) -->\\n)[\\s\\S]*?(<!-- /generated:${escaped} -->)`,
    'g',
  );
  return text.replace(block, (_all, open: string, argument: string, close: string) => {
    const body = render(argument).replace(/\n*$/, '\n');
    return `${open}\n${body}\n${close}`;
  });
}

/** The arguments of every block of `kind` in `text`, in order. */
export function generatedBlockArguments(text: string, kind: string): string[] {
  const escaped = kind.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [...text.matchAll(new RegExp(`<!-- generated:${escaped} ([^\\s>]+) -->`, 'g'))].map(
    (match) => match[1]!,
  );
}
