import { DomainError } from '../errors/domain-error';
import { validateDocument } from './validate-document';
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
});
