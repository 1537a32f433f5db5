import { DomainError } from '../errors/domain-error';
import { DEFAULT_DOCUMENT_LIMITS, MAX_REASON_LENGTH, validateDocument } from './validate-document';
import type { NamespaceFormat } from './namespace-format';

function errorOf(format: NamespaceFormat, content: string): DomainError {
  try {
    validateDocument(format, content);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`expected ${format} to be refused`);
}

describe('validateDocument', () => {
  it('accepts well-formed documents', () => {
    expect(() => validateDocument('json', '{"a": [1, 2.5e3, true, null, "x\\u0041"]}')).not.toThrow();
    expect(() => validateDocument('json', '"just a string"')).not.toThrow();
    expect(() => validateDocument('yaml', 'a: 1\nb:\n  - x\n  - y\n')).not.toThrow();
    expect(() => validateDocument('yml', 'a: 1\n---\nb: 2\n')).not.toThrow();
    expect(() => validateDocument('yml', '# only a comment\n')).not.toThrow();
    expect(() =>
      validateDocument('xml', '<?xml version="1.0"?>\n<config><a x="1">t</a><b/></config>'),
    ).not.toThrow();
  });

  it('accepts anything in txt and readable properties', () => {
    expect(() => validateDocument('txt', '{ not json <not xml')).not.toThrow();
    expect(() => validateDocument('properties', '=== : \\ weird but fine')).not.toThrow();
  });

  it('accepts a blank document in every format', () => {
    for (const format of ['json', 'yaml', 'yml', 'xml', 'properties', 'txt'] as const) {
      expect(() => validateDocument(format, '  \n')).not.toThrow();
    }
  });

  it('points at the line and column of a JSON error', () => {
    const error = errorOf('json', '{\n  "a": 1,\n  "b": }\n');
    expect(error.code).toBe('INVALID_DOCUMENT');
    expect(error.details).toMatchObject({ format: 'json', line: 3, column: 8 });
    expect(error.message).toMatch(/^json is not valid at line 3, column 8: /);
  });

  it.each([
    ['missing comma', '{\n  "a": 1\n  "b": 2\n}', 3, 3],
    ['trailing comma', '{"a": 1,}', 1, 9],
    ['bare word', '\n\n  nope', 3, 3],
    ['unterminated string', '{"a": "x', 1, 9],
    ['unexpected end', '[1, 2', 1, 6],
    ['single quotes', "{'a': 1}", 1, 2],
    ['trailing garbage', '{} x', 1, 4],
    ['raw newline in string', '{"a": "x\ny"}', 1, 9],
  ])('locates a JSON %s', (_name, content, line, column) => {
    expect(errorOf('json', content).details).toMatchObject({ line, column });
  });

  it('points at the line and column of a YAML error', () => {
    const error = errorOf('yaml', 'a: 1\nb: [1, 2\nc: 3\n');
    expect(error.code).toBe('INVALID_DOCUMENT');
    expect(error.details).toMatchObject({ format: 'yaml', line: 3 });
    expect(error.message).toMatch(/^yaml is not valid at line 3, column \d+: /);
    // The reason is the parser's sentence, without the repeated position and source excerpt.
    expect(String(error.details!['reason'])).not.toMatch(/\n/);
  });

  it('refuses duplicate YAML keys and keeps the namespace format name (yml)', () => {
    const error = errorOf('yml', 'a: 1\nb: 2\na: 3\n');
    expect(error.details).toMatchObject({ format: 'yml', line: 3, column: 1 });
  });

  it('finds an error in a later YAML document', () => {
    expect(errorOf('yaml', 'a: 1\n---\nb: : :\n  - x\n').details).toMatchObject({ line: 3 });
  });

  it('points at the line and column of an XML error', () => {
    const error = errorOf('xml', '<config>\n  <a>1</a>\n  <b>2</c>\n</config>');
    expect(error.code).toBe('INVALID_DOCUMENT');
    expect(error.details).toMatchObject({ format: 'xml', line: 3 });
    expect(typeof error.details!['column']).toBe('number');
    expect(error.message).toMatch(/^xml is not valid at line 3, column \d+: /);
  });

  it('keeps the reason short when the parser quotes the whole document', () => {
    // The XML validator lists every unclosed tag: 100,000 of them made a 2 MB error answer.
    let error: DomainError | undefined;
    try {
      validateDocument('xml', '<a>'.repeat(100_000), { ...DEFAULT_DOCUMENT_LIMITS, maxXmlDepth: 200_000 });
    } catch (caught) {
      error = caught as DomainError;
    }
    if (!error) throw new Error('expected a refusal');
    expect(error.details).toMatchObject({ format: 'xml', line: 1 });
    expect(String(error.details!['reason']).length).toBeLessThanOrEqual(MAX_REASON_LENGTH);
    expect(String(error.details!['reason'])).toMatch(/…$/);
    expect(error.message.length).toBeLessThan(MAX_REASON_LENGTH + 80);
  });

  it('refuses text that is not XML at all', () => {
    expect(errorOf('xml', 'hello').details).toMatchObject({ format: 'xml', line: 1, column: 1 });
  });

  it('refuses properties text with a malformed unicode escape', () => {
    expect(errorOf('properties', 'a=\\uZZZZ').details).toMatchObject({
      format: 'properties',
      line: 1,
      column: 3,
    });
  });

  describe('bounds', () => {
    const limits = { maxDepth: 5, maxCollectionAliases: 2, maxXmlDepth: 3 };
    const refusal = (format: NamespaceFormat, content: string) => {
      try {
        validateDocument(format, content, limits);
      } catch (error) {
        if (error instanceof DomainError) return error;
        throw error;
      }
      throw new Error('expected a refusal');
    };

    it('refuses JSON keys repeated in one object, naming both places', () => {
      const error = errorOf('json', '{\n  "a": 1,\n  "b": {"a": 2},\n  "a": 3\n}');
      expect(error.details).toMatchObject({ format: 'json', line: 4, column: 3 });
      expect(error.message).toContain('duplicate key "a" (first at line 2, column 3)');
      // Escapes are compared as JSON reads them.
      expect(errorOf('json', '{"a": 1, "\\u0061": 2}').details).toMatchObject({ line: 1, column: 10 });
      expect(() => validateDocument('json', '[{"a": 1}, {"a": 2}]')).not.toThrow();
    });

    it('refuses nesting deeper than the limit, in JSON and in yaml flow and block collections', () => {
      expect(() => validateDocument('json', '[[[[[1]]]]]', limits)).not.toThrow();
      expect(refusal('json', '[[[[[[1]]]]]]').details).toMatchObject({ line: 1, column: 6 });
      expect(refusal('json', '['.repeat(100_000)).message).toContain('nested deeper than 5 levels');
      expect(() => validateDocument('yaml', 'a: [[[[1]]]]', limits)).not.toThrow();
      expect(refusal('yaml', 'a: [[[[[[1]]]]]]').details).toMatchObject({ line: 1, column: 9 });
      expect(refusal('yaml', '['.repeat(100_000)).message).toContain('nested deeper than 5 levels');
      expect(refusal('yaml', 'x: "[[[[[["\nb: {c: [{d: [e, [f]]}]}').details).toMatchObject({ line: 2 });
      const block = Array.from({ length: 7 }, (_, depth) => `${'  '.repeat(depth)}k${depth}:`).join('\n');
      expect(refusal('yaml', `${block} 1\n`).details).toMatchObject({ line: 6, column: 11 });
    });

    it('refuses XML elements nested deeper than the limit, at the element that goes too deep', () => {
      expect(() => validateDocument('xml', '<a><b><c/><c>x</c></b></a>', limits)).not.toThrow();
      const error = refusal('xml', '<a>\n <b>\n  <c>\n   <d/>\n   <d></d>\n  </c>\n </b>\n</a>');
      expect(error.details).toMatchObject({ format: 'xml', line: 5, column: 4 });
      expect(error.message).toContain('nested deeper than 3 elements');
      // Refused by the scan, before the validator lists 100,000 unclosed tags.
      expect(refusal('xml', '<a>'.repeat(100_000)).details).toMatchObject({ line: 1, column: 10 });
      expect(errorOf('xml', '<a>'.repeat(101)).details).toMatchObject({ line: 1, column: 301 });
      expect(() => validateDocument('xml', `${'<a>'.repeat(100)}${'</a>'.repeat(100)}`)).not.toThrow();
    });

    it('does not count what only looks like a tag: comments, CDATA, instructions, declarations, quoted >', () => {
      const text = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE a [ <!ELEMENT a ANY> ]>',
        '<a title="x > <y>">',
        '  <!-- <b><b><b><b> -->',
        '  <![CDATA[ <b><b><b><b> ]]>',
        "  <b k='<c>'><c/></b>",
        '</a>',
      ].join('\n');
      expect(() => validateDocument('xml', text, limits)).not.toThrow();
    });

    it('counts brackets inside quoted and plain yaml scalars and comments as text', () => {
      expect(() =>
        validateDocument('yaml', `a: "${'['.repeat(50)}"\nb: x[[[[[[[y\n# ${'{'.repeat(50)}\n`, limits),
      ).not.toThrow();
    });

    it('refuses more aliases to collections than the limit, and lets aliases to scalars be', () => {
      const three = 'base: &b {x: 1}\none: *b\ntwo: *b\nthree: *b\n';
      expect(refusal('yaml', three).details).toMatchObject({ line: 4, column: 8 });
      expect(refusal('yaml', three).message).toContain('more than 2 aliases to collections');
      expect(() => validateDocument('yaml', 's: &s x\na: *s\nb: *s\nc: *s\nd: *s\n', limits)).not.toThrow();
    });

    it('tells a number key from a string key, as yaml does', () => {
      expect(() => validateDocument('yaml', '1: a\n"1": b\n')).not.toThrow();
      expect(errorOf('yaml', 'a: 1\n"a": 2\n').details).toMatchObject({ line: 2, column: 1 });
    });

    it('checks a large map in linear time (the library pairwise check took 45 s on 40,000 keys)', () => {
      const keys = Array.from({ length: 40_000 }, (_, i) => `key${i}: v`).join('\n');
      expect(() => validateDocument('yaml', keys)).not.toThrow();
      expect(errorOf('yaml', `${keys}\nkey7: again\n`).details).toMatchObject({ line: 40_001, column: 1 });
    });
  });
});
