/**
 * Where an XML document first nests elements deeper than `maxDepth`, by one linear scan of its
 * text, or undefined. Comments, CDATA sections, processing instructions and declarations are
 * skipped; `>` inside a quoted attribute value does not end a tag. The scan does not judge
 * well-formedness (the validator does that after it): on anything it cannot follow it stops and
 * says nothing.
 */
export function findXmlTooDeep(content: string, maxDepth: number): number | undefined {
  let depth = 0;
  let index = content.indexOf('<');
  while (index !== -1 && index < content.length) {
    const next = content[index + 1];
    let end: number;
    if (content.startsWith('<!--', index)) {
      end = endOf(content, '-->', index + 4);
    } else if (content.startsWith('<![CDATA[', index)) {
      end = endOf(content, ']]>', index + 9);
    } else if (next === '?') {
      end = endOf(content, '?>', index + 2);
    } else if (next === '!') {
      end = endOfMarkup(content, index + 2, true);
    } else if (next === '/') {
      end = endOf(content, '>', index + 2);
      depth = Math.max(0, depth - 1);
    } else {
      end = endOfMarkup(content, index + 1, false);
      if (end === -1) return undefined;
      if (content[end - 2] !== '/' && ++depth > maxDepth) return index;
    }
    if (end === -1) return undefined;
    index = content.indexOf('<', end);
  }
  return undefined;
}

/** The index just past `terminator`, searching from `from`, or -1. */
function endOf(content: string, terminator: string, from: number): number {
  const found = content.indexOf(terminator, from);
  return found === -1 ? -1 : found + terminator.length;
}

/**
 * Past the `>` that closes a start tag (`subset` false) or a `<!DOCTYPE …>`-like declaration with
 * any `[…]` internal subset (`subset` true), skipping quoted attribute values; -1 when unclosed.
 */
function endOfMarkup(content: string, from: number, subset: boolean): number {
  let brackets = 0;
  let quote: string | undefined;
  for (let i = from; i < content.length; i++) {
    const c = content[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (subset && c === '[') {
      brackets++;
    } else if (subset && c === ']') {
      brackets = Math.max(0, brackets - 1);
    } else if (c === '>' && brackets === 0) {
      return i + 1;
    }
  }
  return -1;
}
