import { DomainError } from '../errors/domain-error';
import {
  escapePropertiesKey,
  escapePropertiesValue,
  parseProperties,
  parsePropertiesToRecord,
  serializeProperties,
} from './properties';

describe('parseProperties', () => {
  it('reads the three separators and surrounding whitespace like java.util.Properties', () => {
    expect(parsePropertiesToRecord('a=1\nb:2\nc 3\nd = 4\n  e\t:\t5\nf   =  6  \ng\nh=\ni  =:x')).toEqual({
      a: '1',
      b: '2',
      c: '3',
      d: '4',
      e: '5',
      f: '6  ',
      g: '',
      h: '',
      i: ':x',
    });
  });

  it('keeps comments and blank lines with 1-based line numbers', () => {
    expect(parseProperties('# first\n\n  ! second\nkey=value\n   \n')).toEqual([
      { kind: 'comment', text: '# first', line: 1 },
      { kind: 'blank', line: 2 },
      { kind: 'comment', text: '! second', line: 3 },
      { kind: 'item', key: 'key', value: 'value', line: 4 },
      { kind: 'blank', line: 5 },
    ]);
  });

  it('joins continuation lines, dropping the indentation of the next line', () => {
    const entries = parseProperties('list = a, \\\n       b, \\\n  c\nnext=1');
    expect(entries).toEqual([
      { kind: 'item', key: 'list', value: 'a, b, c', line: 1 },
      { kind: 'item', key: 'next', value: '1', line: 4 },
    ]);
  });

  it('treats an even number of trailing backslashes as escaped backslashes, not a continuation', () => {
    expect(parsePropertiesToRecord('path=C:\\\\dir\\\\\nother=x')).toEqual({ path: 'C:\\dir\\', other: 'x' });
    expect(parsePropertiesToRecord('odd=a\\\\\\\n b')).toEqual({ odd: 'a\\b' });
  });

  it('does not continue comment lines and ends a continuation at a blank line', () => {
    expect(parseProperties('# comment \\\nkey=1')).toEqual([
      { kind: 'comment', text: '# comment \\', line: 1 },
      { kind: 'item', key: 'key', value: '1', line: 2 },
    ]);
    expect(parseProperties('a=x\\\n\nb=y')).toEqual([
      { kind: 'item', key: 'a', value: 'x', line: 1 },
      { kind: 'item', key: 'b', value: 'y', line: 3 },
    ]);
  });

  it('reads a continuation line starting with # as value, not comment', () => {
    expect(parsePropertiesToRecord('a=1\\\n#2')).toEqual({ a: '1#2' });
  });

  it('decodes escapes and \\uXXXX, keeping raw UTF-8 as is', () => {
    expect(
      parsePropertiesToRecord(
        'tab=a\\tb\nnl=a\\nb\ncr=a\\rb\nff=a\\fb\nbs=a\\\\b\neq=a\\=b\ncolon=a\\:b\nhash=\\#x\nbang=\\!y\nother=\\q\n' +
          'uni=\\u4f60\\u597D\nraw=日本語 ✓\nkey\\ with\\ spaces=v\nk\\=e\\:y=v2',
      ),
    ).toEqual({
      tab: 'a\tb',
      nl: 'a\nb',
      cr: 'a\rb',
      ff: 'a\fb',
      bs: 'a\\b',
      eq: 'a=b',
      colon: 'a:b',
      hash: '#x',
      bang: '!y',
      other: 'q',
      uni: '你好',
      raw: '日本語 ✓',
      'key with spaces': 'v',
      'k=e:y': 'v2',
    });
  });

  it('accepts \\r\\n and \\r line endings and a byte-order mark', () => {
    expect(parsePropertiesToRecord('\uFEFFa=1\r\nb=2\rc=3')).toEqual({ a: '1', b: '2', c: '3' });
  });

  it('lets a later duplicate win in the record view', () => {
    expect(parsePropertiesToRecord('a=1\nb=2\na=3')).toEqual({ a: '3', b: '2' });
  });

  it('stores __proto__ as a plain key instead of changing the prototype', () => {
    const record = parsePropertiesToRecord('__proto__=x\nconstructor=y');
    expect(Object.keys(record)).toEqual(['__proto__', 'constructor']);
    expect(record['__proto__']).toBe('x');
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
  });

  it('refuses an unpaired surrogate escape at its position, and keeps an escaped pair', () => {
    const errorOf = (parse: () => unknown) => {
      try {
        parse();
      } catch (error) {
        return error;
      }
      return undefined;
    };
    for (const [text, line, column] of [
      ['a = x\\uD800', 1, 6],
      ['a = 1\nb = \\uDC00y', 2, 5],
      ['a = \\uD83Dz', 1, 5],
      ['a = \\uD83D\\n', 1, 5],
      ['\\uD83D\\uD83D = 1', 1, 1],
    ] as const) {
      expect({ text, error: errorOf(() => parseProperties(text)) }).toMatchObject({
        text,
        error: { code: 'INVALID_DOCUMENT', details: { format: 'properties', line, column } },
      });
    }
    expect(parseProperties('a = \\uD83D\\uDE00!')[0]).toMatchObject({ key: 'a', value: '\u{1F600}!' });
  });

  it('refuses a malformed \\u escape, pointing at its physical line and column', () => {
    let caught: unknown;
    try {
      parseProperties('ok=1\nbad = a\\\n   b\\u12G4');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe('INVALID_DOCUMENT');
    expect((caught as DomainError).details).toMatchObject({ format: 'properties', line: 3, column: 5 });
  });

  it('returns nothing for empty text', () => {
    expect(parseProperties('')).toEqual([]);
  });
});

describe('serializeProperties', () => {
  it('writes key=value lines in insertion order', () => {
    expect(serializeProperties({ b: '2', a: '1' })).toBe('b=2\na=1\n');
    expect(serializeProperties({})).toBe('');
  });

  it('escapes what would otherwise be read differently', () => {
    expect(escapePropertiesKey('a b=c:d#e!f\\g\th')).toBe('a\\ b\\=c\\:d\\#e\\!f\\\\g\\th');
    expect(escapePropertiesValue('  lead')).toBe('\\  lead');
    expect(escapePropertiesValue('x=y:z #!')).toBe('x=y:z #!');
    expect(escapePropertiesValue('line1\nline2\r\n\\')).toBe('line1\\nline2\\r\\n\\\\');
    expect(escapePropertiesValue('bell\u0007')).toBe('bell\\u0007');
    expect(escapePropertiesValue('日本語 ✓ 😀')).toBe('日本語 ✓ 😀');
  });

  it('round-trips tricky keys and values through parse', () => {
    const tricky: Record<string, string> = {
      plain: 'value',
      'key with spaces': '  leading and trailing  ',
      'k=e:y#w!i\\th': 'v=a:l#u!e',
      '#starts-like-comment': '#also value',
      '!bang': '!',
      ' leading-space-key': 'x',
      'tab\tkey': 'tab\tvalue',
      multiline: 'line1\nline2\r\nline3\r',
      backslashes: 'C:\\Program Files\\',
      trailingBackslash: 'ends with \\',
      unicode: '你好, мир, 😀',
      empty: '',
      onlySpaces: '   ',
      formfeed: '\fx',
      control: '\u0000\u001f\u007f',
      '': 'empty key',
      ['__proto__']: 'proto',
      '\\u0041': 'not an escape',
    };
    const text = serializeProperties(tricky);
    expect(parsePropertiesToRecord(text)).toEqual(tricky);
    expect(Object.keys(parsePropertiesToRecord(text))).toEqual(Object.keys(tricky));
  });
});
