import { XMLValidator } from 'fast-xml-parser';
import { isAlias, isCollection, isMap, isPair, isScalar, Lexer, parseAllDocuments, type Node } from 'yaml';
import { DomainError } from '../errors/domain-error';
import { locateJsonError } from './json-error-position';
import type { NamespaceFormat } from './namespace-format';
import { parseProperties } from './properties';
import { findXmlTooDeep } from './xml-depth';

/**
 * Longest parser message passed on. Some parsers quote the source in their message (the XML
 * validator lists every unclosed tag); an answer must not grow with the document it refuses.
 */
export const MAX_REASON_LENGTH = 200;

function invalid(format: NamespaceFormat, line: number, column: number, fullReason: string): DomainError {
  const reason =
    fullReason.length > MAX_REASON_LENGTH ? `${fullReason.slice(0, MAX_REASON_LENGTH - 1)}…` : fullReason;
  return new DomainError(
    'INVALID_DOCUMENT',
    `${format} is not valid at line ${line}, column ${column}: ${reason}`,
    {
      format,
      line,
      column,
      reason,
    },
  );
}

function lineAndColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}

/**
 * Bounds on a document's structure. The nesting limit is SnakeYAML's (the parser Apollo's Java
 * client reads yaml namespaces with) and so is the alias limit: a document deeper or with more
 * aliases than that would not load in those clients anyway. Within these bounds every check is
 * linear in the document's length.
 */
export interface DocumentLimits {
  /** Deepest nesting of collections (yaml/json). */
  maxDepth: number;
  /** Most aliases (`*name`) that point at a collection, in one yaml document. */
  maxCollectionAliases: number;
  /**
   * Deepest nesting of XML elements. XML configuration nests wrapper elements, so the bound is
   * wider than for yaml/json; without one, 100,000 nested tags kept the validator busy for
   * hundreds of milliseconds and, on a loaded machine, past the check's time budget.
   */
  maxXmlDepth: number;
}

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = {
  maxDepth: 50,
  maxCollectionAliases: 50,
  maxXmlDepth: 100,
};

function validateJson(content: string, limits: DocumentLimits): void {
  const problem = locateJsonError(content, { maxDepth: limits.maxDepth });
  if (problem) {
    const { line, column } = lineAndColumn(content, problem.index);
    if (problem.firstIndex === undefined) throw invalid('json', line, column, problem.reason);
    const first = lineAndColumn(content, problem.firstIndex);
    throw invalid(
      'json',
      line,
      column,
      `${problem.reason} (first at line ${first.line}, column ${first.column})`,
    );
  }
  try {
    JSON.parse(content);
    return;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // JSON.parse and the locator disagree: trust JSON.parse and use its position if it gives one.
    const position = /at position (\d+)/.exec(message);
    const { line, column } = lineAndColumn(content, position ? Number(position[1]) : content.length);
    throw invalid('json', line, column, message.replace(/,? ".*" is not valid JSON$/s, ''));
  }
}

// Lexer tokens that mark a state change and stand for no source text.
const YAML_CONTROL_TOKENS = new Set(['\u0002', '\u0018', '\u001f']);

/**
 * Flow collections (`[` and `{`) are nested by the parser without limit, each level costing memory
 * and a stack frame later: a megabyte of `[` took seconds and a gigabyte. The lexer is flat and
 * streams, so the depth is counted here and the document refused before anything is built.
 */
function checkYamlFlowDepth(format: NamespaceFormat, content: string, maxDepth: number): void {
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(content)) {
    if (token === '[' || token === '{') {
      if (++depth > maxDepth) {
        const { line, column } = lineAndColumn(content, offset);
        throw invalid(format, line, column, `nested deeper than ${maxDepth} levels`);
      }
    } else if (token === ']' || token === '}') {
      depth = Math.max(0, depth - 1);
    }
    if (!YAML_CONTROL_TOKENS.has(token)) offset += token.length;
  }
}

function scalarKey(node: unknown): string | undefined {
  return isScalar(node) ? `${typeof node.value}:${String(node.value)}` : undefined;
}

/**
 * One walk over the composed documents, with an explicit stack: nesting depth, duplicate keys
 * (as Apollo's YAML parser refuses them; the library's own check compares every pair of keys,
 * which took 45 s on a 40,000-key map) and aliases to collections (each one multiplies what a
 * client builds when it loads the document).
 */
function checkYamlStructure(
  format: NamespaceFormat,
  content: string,
  contents: Array<Node | null>,
  limits: DocumentLimits,
): void {
  const at = (node: { range?: [number, number, number] | null }, reason: string): DomainError => {
    const { line, column } = lineAndColumn(content, node.range?.[0] ?? 0);
    return invalid(format, line, column, reason);
  };
  for (const root of contents) {
    const anchoredCollections = new Set<string>();
    let collectionAliases = 0;
    const stack: Array<{ node: unknown; depth: number }> = root ? [{ node: root, depth: 0 }] : [];
    while (stack.length > 0) {
      const { node, depth } = stack.pop()!;
      if (isAlias(node)) {
        if (anchoredCollections.has(node.source) && ++collectionAliases > limits.maxCollectionAliases) {
          throw at(node, `more than ${limits.maxCollectionAliases} aliases to collections`);
        }
        continue;
      }
      if (!isCollection(node)) continue;
      if (depth >= limits.maxDepth) throw at(node, `nested deeper than ${limits.maxDepth} levels`);
      if (node.anchor) anchoredCollections.add(node.anchor);
      const seen = isMap(node) ? new Set<string>() : undefined;
      // Pushed in reverse so that the walk visits the document in order (anchors before aliases).
      for (let index = node.items.length - 1; index >= 0; index--) {
        const item = node.items[index];
        if (isPair(item)) {
          stack.push({ node: item.value, depth: depth + 1 }, { node: item.key, depth: depth + 1 });
        } else {
          stack.push({ node: item, depth: depth + 1 });
        }
      }
      if (seen) {
        for (const item of node.items as unknown[]) {
          if (!isPair(item)) continue;
          const key = scalarKey(item.key);
          if (key === undefined) continue;
          if (seen.has(key)) throw at(item.key as Node, 'Map keys must be unique');
          seen.add(key);
        }
      }
    }
  }
}

function validateYaml(format: NamespaceFormat, content: string, limits: DocumentLimits): void {
  checkYamlFlowDepth(format, content, limits.maxDepth);
  // Several `---` documents in one namespace are legal; each must parse.
  const documents = parseAllDocuments(content, { uniqueKeys: false });
  const first = documents.flatMap((document) => document.errors)[0];
  if (!first) {
    checkYamlStructure(
      format,
      content,
      documents.map((document) => document.contents as Node | null),
      limits,
    );
    return;
  }
  const position = first.linePos?.[0];
  const { line, column } = position
    ? { line: position.line, column: position.col }
    : lineAndColumn(content, first.pos[0]);
  // The message repeats the position and quotes the source; the details carry both already.
  const reason = first.message.split(/ at line \d+, column \d+/)[0]!.trim();
  throw invalid(format, line, column, reason);
}

function validateXml(content: string, limits: DocumentLimits): void {
  const tooDeep = findXmlTooDeep(content, limits.maxXmlDepth);
  if (tooDeep !== undefined) {
    const { line, column } = lineAndColumn(content, tooDeep);
    throw invalid('xml', line, column, `nested deeper than ${limits.maxXmlDepth} elements`);
  }
  const result = XMLValidator.validate(content);
  if (result === true) return;
  const { line, col, msg } = result.err;
  throw invalid('xml', line, col ?? 1, msg);
}

/**
 * Refuses a document that its format cannot parse, pointing at the line and column. A blank
 * document is accepted in every format: a namespace that has not been written yet is empty.
 */
export function validateDocument(
  format: NamespaceFormat,
  content: string,
  limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS,
): void {
  if (content.trim().length === 0) return;
  switch (format) {
    case 'json':
      return validateJson(content, limits);
    case 'yml':
    case 'yaml':
      return validateYaml(format, content, limits);
    case 'xml':
      return validateXml(content, limits);
    case 'properties':
      // Only a malformed \uXXXX escape makes properties text unreadable.
      parseProperties(content);
      return;
    case 'txt':
      return;
  }
}
