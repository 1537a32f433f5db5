import { DomainError } from '../errors/domain-error';
import { parsePropertiesToRecord } from '../formats/properties';
import { configurationsOf } from './configurations-of';
import { DEFAULT_ITEM_LIMITS } from './item-draft';
import { itemsFromText, itemsToText } from './items-text';

function errorOf(fn: () => void): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('itemsFromText (properties)', () => {
  it('makes one row per line, comments and blanks included', () => {
    expect(
      itemsFromText('properties', '# db\nurl = jdbc:x\n\n! note\ntimeout:30', DEFAULT_ITEM_LIMITS),
    ).toEqual([
      { key: '', value: '', comment: '# db', lineNum: 1 },
      { key: 'url', value: 'jdbc:x', comment: '', lineNum: 2 },
      { key: '', value: '', comment: '', lineNum: 3 },
      { key: '', value: '', comment: '! note', lineNum: 4 },
      { key: 'timeout', value: '30', comment: '', lineNum: 5 },
    ]);
  });

  it('numbers rows by logical line, so continuations do not leave gaps', () => {
    const drafts = itemsFromText('properties', 'a = 1, \\\n  2\nb = 3', DEFAULT_ITEM_LIMITS);
    expect(drafts.map((d) => [d.key, d.value, d.lineNum])).toEqual([
      ['a', '1, 2', 1],
      ['b', '3', 2],
    ]);
  });

  it('refuses a duplicate key and names both physical lines', () => {
    const error = errorOf(() => itemsFromText('properties', 'a=1\nb=2\n\na=3', DEFAULT_ITEM_LIMITS));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual({ field: 'configText', key: 'a', lines: [1, 4] });
  });

  it('refuses a value over the limit with its line, and never truncates', () => {
    const text = `small=1\nbig=${'x'.repeat(20001)}`;
    const error = errorOf(() => itemsFromText('properties', text, DEFAULT_ITEM_LIMITS));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toMatchObject({ field: 'value', key: 'big', length: 20001, limit: 20000, line: 2 });
  });

  it('refuses a bad key with its line', () => {
    const error = errorOf(() => itemsFromText('properties', 'ok=1\nbad\\tkey=2', DEFAULT_ITEM_LIMITS));
    expect(error.details).toMatchObject({ field: 'key', key: 'bad\tkey', line: 2 });
  });

  it('refuses more items than a namespace may hold, counting keyed lines only', () => {
    const limits = { ...DEFAULT_ITEM_LIMITS, maxItemsPerNamespace: 2 };
    expect(itemsFromText('properties', '# c\na=1\n\nb=2', limits)).toHaveLength(4);
    const error = errorOf(() => itemsFromText('properties', 'a=1\nb=2\nc=3', limits));
    expect(error.details).toEqual({ field: 'configText', count: 3, limit: 2 });
  });

  it('gives no rows for empty text', () => {
    expect(itemsFromText('properties', '', DEFAULT_ITEM_LIMITS)).toEqual([]);
  });
});

describe('itemsFromText (documents)', () => {
  it('keeps the whole document as one content row', () => {
    const json = '{\n  "a": 1\n}\n';
    expect(itemsFromText('json', json, DEFAULT_ITEM_LIMITS)).toEqual([
      { key: 'content', value: json, comment: '', lineNum: 1 },
    ]);
  });

  it('refuses an invalid document with its position', () => {
    const error = errorOf(() => itemsFromText('yaml', 'a: [1\nb: 2', DEFAULT_ITEM_LIMITS));
    expect(error.code).toBe('INVALID_DOCUMENT');
    expect(error.details).toMatchObject({ format: 'yaml', line: 2 });
  });

  it('refuses a document over the document limit', () => {
    const limits = { ...DEFAULT_ITEM_LIMITS, maxDocumentLength: 5 };
    expect(errorOf(() => itemsFromText('txt', '123456', limits)).details).toMatchObject({
      field: 'value',
      limit: 5,
    });
  });
});

describe('itemsToText', () => {
  it('round-trips properties text written in the editor style exactly', () => {
    const text = [
      '# database',
      'url = jdbc:mysql://db:3306/x?a=b',
      '',
      '! legacy note',
      'greeting = 你好, world',
      'empty = ',
      'spaced = \\  padded  ',
      'multi = line1\\nline2',
      'path = C:\\\\tmp',
      'key\\ with\\ space = x',
    ].join('\n');
    const items = itemsFromText('properties', text, DEFAULT_ITEM_LIMITS);
    expect(itemsToText('properties', items)).toBe(text);
    expect(configurationsOf(items)).toEqual(parsePropertiesToRecord(text));
  });

  it('normalises other spellings to a text that reads back to the same rows', () => {
    const original = 'a:1\n  b   2\n#c\n   \nd=\\u0041\\\n   B';
    const items = itemsFromText('properties', original, DEFAULT_ITEM_LIMITS);
    const text = itemsToText('properties', items);
    expect(text).toBe('a = 1\nb = 2\n#c\n\nd = AB');
    expect(itemsFromText('properties', text, DEFAULT_ITEM_LIMITS)).toEqual(items);
  });

  it('orders rows by lineNum and renders a bare comment as a comment', () => {
    expect(
      itemsToText('properties', [
        { key: 'b', value: '2', comment: 'ignored in text', lineNum: 3 },
        { key: '', value: '', comment: 'bare', lineNum: 1 },
        { key: 'a', value: '1', comment: '', lineNum: 2 },
      ]),
    ).toBe('# bare\na = 1\nb = 2');
  });

  it('returns the content of a document namespace, or nothing', () => {
    expect(itemsToText('xml', [{ key: 'content', value: '<a/>', comment: '', lineNum: 1 }])).toBe('<a/>');
    expect(itemsToText('json', [])).toBe('');
  });
});
