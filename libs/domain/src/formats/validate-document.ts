import { XMLValidator } from 'fast-xml-parser';
import { parseAllDocuments } from 'yaml';
import { DomainError } from '../errors/domain-error';
import { locateJsonError } from './json-error-position';
import type { NamespaceFormat } from './namespace-format';
import { parseProperties } from './properties';

function invalid(format: NamespaceFormat, line: number, column: number, reason: string): DomainError {
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

function validateJson(content: string): void {
  try {
    JSON.parse(content);
    return;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const located = locateJsonError(content);
    if (located) {
      const { line, column } = lineAndColumn(content, located.index);
      throw invalid('json', line, column, located.reason);
    }
    // JSON.parse and the locator disagree: trust JSON.parse and use its position if it gives one.
    const position = /at position (\d+)/.exec(message);
    const { line, column } = lineAndColumn(content, position ? Number(position[1]) : content.length);
    throw invalid('json', line, column, message.replace(/,? ".*" is not valid JSON$/s, ''));
  }
}

function validateYaml(format: NamespaceFormat, content: string): void {
  // Several `---` documents in one namespace are legal; each must parse. Duplicate keys are errors
  // here, as in Apollo's YAML parser.
  const documents = parseAllDocuments(content);
  const first = documents.flatMap((document) => document.errors)[0];
  if (!first) return;
  const position = first.linePos?.[0];
  const { line, column } = position
    ? { line: position.line, column: position.col }
    : lineAndColumn(content, first.pos[0]);
  // The message repeats the position and quotes the source; the details carry both already.
  const reason = first.message.split(/ at line \d+, column \d+/)[0]!.trim();
  throw invalid(format, line, column, reason);
}

function validateXml(content: string): void {
  const result = XMLValidator.validate(content);
  if (result === true) return;
  const { line, col, msg } = result.err;
  throw invalid('xml', line, col ?? 1, msg);
}

/**
 * Refuses a document that its format cannot parse, pointing at the line and column. A blank
 * document is accepted in every format: a namespace that has not been written yet is empty.
 */
export function validateDocument(format: NamespaceFormat, content: string): void {
  if (content.trim().length === 0) return;
  switch (format) {
    case 'json':
      return validateJson(content);
    case 'yml':
    case 'yaml':
      return validateYaml(format, content);
    case 'xml':
      return validateXml(content);
    case 'properties':
      // Only a malformed \uXXXX escape makes properties text unreadable.
      parseProperties(content);
      return;
    case 'txt':
      return;
  }
}
