import { DomainError } from '../errors/domain-error';
import { setOwnProperty } from './own-property';

/** One logical line of a `.properties` text; `line` is the 1-based number of its first physical line. */
export type PropertiesEntry =
  | { kind: 'item'; key: string; value: string; line: number }
  /** `text` is the comment as written, marker (`#` or `!`) included, leading whitespace removed. */
  | { kind: 'comment'; text: string; line: number }
  | { kind: 'blank'; line: number };

// java.util.Properties treats only these as whitespace, not every Unicode space.
function isWhitespace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\f';
}

function skipWhitespace(s: string, from: number): number {
  let i = from;
  while (i < s.length && isWhitespace(s[i])) i++;
  return i;
}

function endsWithOddBackslashes(s: string): boolean {
  let count = 0;
  for (let i = s.length - 1; i >= 0 && s[i] === '\\'; i--) count++;
  return count % 2 === 1;
}

function physicalLines(text: string): string[] {
  // A byte-order mark is an encoding artefact, not part of the first key.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.length === 0) return [];
  const lines = body.split(/\r\n|\r|\n/);
  // A final line terminator closes the last line; it does not open an empty one.
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Where a piece of a logical line came from, so errors can point at the physical line and column. */
interface Segment {
  offset: number;
  line: number;
  column: number;
}

class LogicalLine {
  constructor(
    readonly text: string,
    private readonly segments: Segment[],
  ) {}

  positionOf(index: number): { line: number; column: number } {
    let segment = this.segments[0]!;
    for (const candidate of this.segments) {
      if (candidate.offset > index) break;
      segment = candidate;
    }
    return { line: segment.line, column: segment.column + (index - segment.offset) };
  }
}

const HEX4 = /^[0-9a-fA-F]{4}$/;

function refuseEscape(logical: LogicalLine, at: number, reason: string): never {
  const { line, column } = logical.positionOf(at);
  throw new DomainError(
    'INVALID_DOCUMENT',
    `properties is not valid at line ${line}, column ${column}: ${reason}`,
    {
      format: 'properties',
      line,
      column,
      reason,
    },
  );
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
const UNPAIRED = 'unpaired surrogate escape (\\uD800 to \\uDFFF): no character, it would be stored as U+FFFD';

function unescape(logical: LogicalLine, from: number, to: number): string {
  const s = logical.text;
  let out = '';
  let runStart = from;
  // Where a `\uD800`-`\uDBFF` escape stands whose `\uDC00`-`\uDFFF` half must come right after it.
  let highAt = -1;
  for (let i = from; i < to; i++) {
    if (s[i] !== '\\') {
      if (highAt >= 0) refuseEscape(logical, highAt, UNPAIRED);
      continue;
    }
    if (highAt >= 0 && s[i + 1] !== 'u') refuseEscape(logical, highAt, UNPAIRED);
    out += s.slice(runStart, i);
    const escaped = s[i + 1];
    if (i + 1 >= to || escaped === undefined) {
      // A lone trailing backslash is dropped, as Java does.
      runStart = to;
      break;
    }
    switch (escaped) {
      case 'u': {
        const hex = s.slice(i + 2, Math.min(i + 6, to));
        if (!HEX4.test(hex)) {
          refuseEscape(logical, i, `malformed \\uXXXX escape "${s.slice(i, Math.min(i + 6, to))}"`);
        }
        const code = parseInt(hex, 16);
        if (highAt >= 0 ? !isLowSurrogate(code) : isLowSurrogate(code)) {
          refuseEscape(logical, highAt >= 0 ? highAt : i, UNPAIRED);
        }
        highAt = isHighSurrogate(code) ? i : -1;
        out += String.fromCharCode(code);
        i += 5;
        break;
      }
      case 't':
        out += '\t';
        i += 1;
        break;
      case 'n':
        out += '\n';
        i += 1;
        break;
      case 'r':
        out += '\r';
        i += 1;
        break;
      case 'f':
        out += '\f';
        i += 1;
        break;
      default:
        out += escaped;
        i += 1;
    }
    runStart = i + 1;
  }
  if (highAt >= 0) refuseEscape(logical, highAt, UNPAIRED);
  if (runStart < to) out += s.slice(runStart, to);
  return out;
}

function parseItem(logical: LogicalLine, line: number): PropertiesEntry {
  const s = logical.text;
  let keyEnd = 0;
  let valueStart = s.length;
  let hasSeparator = false;
  let precedingBackslash = false;
  for (; keyEnd < s.length; keyEnd++) {
    const c = s[keyEnd];
    if (!precedingBackslash && (c === '=' || c === ':')) {
      valueStart = keyEnd + 1;
      hasSeparator = true;
      break;
    }
    if (!precedingBackslash && isWhitespace(c)) {
      valueStart = keyEnd + 1;
      break;
    }
    precedingBackslash = c === '\\' ? !precedingBackslash : false;
  }
  // `key = value`, `key value` and `key  :value` all have one separator surrounded by optional whitespace.
  while (valueStart < s.length) {
    const c = s[valueStart];
    if (!isWhitespace(c)) {
      if (!hasSeparator && (c === '=' || c === ':')) hasSeparator = true;
      else break;
    }
    valueStart++;
  }
  return {
    kind: 'item',
    key: unescape(logical, 0, keyEnd),
    value: unescape(logical, valueStart, s.length),
    line,
  };
}

/**
 * Reads `.properties` text with java.util.Properties semantics, keeping comments and blank lines so
 * that a text edit can be stored line by line. A malformed `\uXXXX` escape is refused, as Java does.
 */
export function parseProperties(text: string): PropertiesEntry[] {
  const lines = physicalLines(text);
  const entries: PropertiesEntry[] = [];
  let index = 0;
  while (index < lines.length) {
    const first = lines[index]!;
    const lineNumber = index + 1;
    const start = skipWhitespace(first, 0);
    if (start === first.length) {
      entries.push({ kind: 'blank', line: lineNumber });
      index++;
      continue;
    }
    if (first[start] === '#' || first[start] === '!') {
      // Comment lines never continue, even when they end with a backslash.
      entries.push({ kind: 'comment', text: first.slice(start), line: lineNumber });
      index++;
      continue;
    }
    const segments: Segment[] = [];
    let logical = '';
    let content = first.slice(start);
    let column = start + 1;
    for (;;) {
      segments.push({ offset: logical.length, line: index + 1, column });
      const continues = endsWithOddBackslashes(content);
      logical += continues ? content.slice(0, -1) : content;
      index++;
      if (!continues || index >= lines.length) break;
      // Leading whitespace of a continuation line is indentation, not value.
      const next = lines[index]!;
      const nextStart = skipWhitespace(next, 0);
      content = next.slice(nextStart);
      column = nextStart + 1;
    }
    entries.push(parseItem(new LogicalLine(logical, segments), lineNumber));
  }
  return entries;
}

/** The key→value view of a properties text; a key given twice keeps its last value, as in Java. */
export function parsePropertiesToRecord(text: string): Record<string, string> {
  const record: Record<string, string> = {};
  for (const entry of parseProperties(text)) {
    if (entry.kind === 'item') setOwnProperty(record, entry.key, entry.value);
  }
  return record;
}

function escapeChar(c: string): string | null {
  switch (c) {
    case '\\':
      return '\\\\';
    case '\t':
      return '\\t';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\f':
      return '\\f';
    default: {
      const code = c.charCodeAt(0);
      // Other control characters would survive parsing but are invisible in an editor.
      if (code < 0x20 || code === 0x7f) return `\\u${code.toString(16).padStart(4, '0')}`;
      return null;
    }
  }
}

/** Escapes a key so that no character of it can be read as a separator, comment marker or line end. */
export function escapePropertiesKey(key: string): string {
  let out = '';
  for (const c of key) {
    if (c === ' ' || c === '=' || c === ':' || c === '#' || c === '!') out += `\\${c}`;
    else out += escapeChar(c) ?? c;
  }
  return out;
}

/**
 * Escapes a value. Only a leading space needs escaping (the parser skips whitespace after the
 * separator); `=`, `:`, `#` and `!` are literal inside values. Non-ASCII stays as is: the text is UTF-8.
 */
export function escapePropertiesValue(value: string): string {
  let out = '';
  let first = true;
  for (const c of value) {
    if (first && c === ' ') out += '\\ ';
    else out += escapeChar(c) ?? c;
    first = false;
  }
  return out;
}

/** `key=value` lines in insertion order; parseProperties reads them back to the same record. */
export function serializeProperties(config: Record<string, string>): string {
  let out = '';
  for (const [key, value] of Object.entries(config)) {
    out += `${escapePropertiesKey(key)}=${escapePropertiesValue(value)}\n`;
  }
  return out;
}
