/**
 * Finds where a JSON text stops being valid. Node's JSON.parse names the position only for some
 * errors (and not at all for "Unexpected token ..." on Node 20), so the location is recomputed here.
 * The same pass refuses what JSON.parse lets through but Houston does not: a key repeated in one
 * object (JSON.parse keeps the last silently, as yaml would not) and nesting deeper than a limit.
 * It is one loop with an explicit stack, so no input can overflow the call stack.
 */
export interface JsonErrorLocation {
  index: number;
  reason: string;
  /** For a duplicate key: where the key first appeared. */
  firstIndex?: number;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const SIMPLE_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

function describe(c: string | undefined): string {
  return c === undefined ? 'end of input' : `'${c}'`;
}

function skipWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') break;
    i++;
  }
  return i;
}

/** Returns the index just past the closing quote, or the error inside the string. */
function scanString(text: string, start: number): number | JsonErrorLocation {
  let i = start + 1;
  for (;;) {
    const c = text[i];
    if (c === undefined) return { index: i, reason: 'unterminated string' };
    if (c === '"') return i + 1;
    if (c === '\\') {
      const escaped = text[i + 1];
      if (escaped === 'u') {
        if (!HEX4.test(text.slice(i + 2, i + 6))) return { index: i, reason: 'bad \\u escape in string' };
        i += 6;
        continue;
      }
      if (escaped === undefined || !SIMPLE_ESCAPES.has(escaped)) {
        return { index: i, reason: 'bad escape in string' };
      }
      i += 2;
      continue;
    }
    if (c.charCodeAt(0) < 0x20) return { index: i, reason: 'control character in string' };
    i++;
  }
}

type State = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'afterValue';

export interface JsonScanOptions {
  /** Deepest nesting of arrays and objects allowed (unlimited when absent). */
  maxDepth?: number;
}

/** The key as JSON.parse would read it: escapes are decoded only where there are any. */
function keyOf(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  return raw.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : raw;
}

export function locateJsonError(text: string, options: JsonScanOptions = {}): JsonErrorLocation | null {
  const maxDepth = options.maxDepth ?? Infinity;
  const stack: Array<'{' | '['> = [];
  // For each open object, the keys seen so far and where each first appeared.
  const keys: Array<Map<string, number>> = [];
  let state: State = 'value';
  let i = 0;
  for (;;) {
    i = skipWhitespace(text, i);
    const c = text[i];
    if (state === 'afterValue') {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        return i < text.length
          ? { index: i, reason: `unexpected ${describe(c)} after the end of the document` }
          : null;
      }
      const close = top === '{' ? '}' : ']';
      if (c === ',') {
        state = top === '{' ? 'key' : 'value';
        i++;
      } else if (c === close) {
        if (stack.pop() === '{') keys.pop();
        i++;
      } else {
        return { index: i, reason: `expected ',' or '${close}' but found ${describe(c)}` };
      }
      continue;
    }
    if (state === 'colon') {
      if (c !== ':') return { index: i, reason: `expected ':' but found ${describe(c)}` };
      state = 'value';
      i++;
      continue;
    }
    if ((state === 'keyOrClose' && c === '}') || (state === 'valueOrClose' && c === ']')) {
      if (stack.pop() === '{') keys.pop();
      state = 'afterValue';
      i++;
      continue;
    }
    if (state === 'key' || state === 'keyOrClose') {
      if (c !== '"')
        return { index: i, reason: `expected a double-quoted property name but found ${describe(c)}` };
      const end = scanString(text, i);
      if (typeof end !== 'number') return end;
      const key = keyOf(text, i, end);
      const seen = keys[keys.length - 1]!;
      const first = seen.get(key);
      if (first !== undefined)
        return { index: i, reason: `duplicate key ${JSON.stringify(key)}`, firstIndex: first };
      seen.set(key, i);
      state = 'colon';
      i = end;
      continue;
    }
    // A value is expected.
    if (c === '{' || c === '[') {
      if (stack.length >= maxDepth) return { index: i, reason: `nested deeper than ${maxDepth} levels` };
      stack.push(c);
      if (c === '{') keys.push(new Map());
      state = c === '{' ? 'keyOrClose' : 'valueOrClose';
      i++;
      continue;
    }
    if (c === '"') {
      const end = scanString(text, i);
      if (typeof end !== 'number') return end;
      state = 'afterValue';
      i = end;
      continue;
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      if (!match) return { index: i, reason: 'invalid number' };
      state = 'afterValue';
      i += match[0].length;
      continue;
    }
    const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
    if (literal !== undefined) {
      state = 'afterValue';
      i += literal.length;
      continue;
    }
    return { index: i, reason: c === undefined ? 'unexpected end of input' : `unexpected ${describe(c)}` };
  }
}
