import { DomainError } from '../errors/domain-error';
import {
  compileNamespaceSchema,
  jsonPathOf,
  MAX_SCHEMA_LENGTH,
  parseSchemaDefinition,
} from './namespace-schema';

function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const PROPERTIES_SCHEMA = JSON.stringify({
  type: 'object',
  properties: { timeout: { type: 'integer', minimum: 1, maximum: 60000 } },
  patternProperties: { '^feature\\.': { type: 'boolean' } },
  required: ['timeout'],
});

describe('namespace schemas', () => {
  it('coerces properties values per the schema type and reports JSON paths', () => {
    const schema = compileNamespaceSchema('properties', PROPERTIES_SCHEMA);
    expect(schema.violations({ timeout: '30000', 'feature.beta': 'true' })).toEqual([]);
    expect(schema.violations({ timeout: '90000', 'feature.beta': 'yes' })).toEqual([
      { path: '$.timeout', message: 'must be <= 60000' },
      { path: "$['feature.beta']", message: 'must be boolean' },
    ]);
    expect(schema.violations({ 'feature.x': 'false' })).toEqual([
      { path: '$.timeout', message: "must have required property 'timeout'" },
    ]);
  });

  it('checks yaml and json documents as parsed, without coercion', () => {
    const definition = JSON.stringify({
      type: 'object',
      properties: {
        servers: { type: 'array', items: { type: 'object', properties: { port: { type: 'integer' } } } },
      },
    });
    const yaml = compileNamespaceSchema('yaml', definition);
    expect(yaml.violations({ content: 'servers:\n  - port: 80\n  - port: "81"\n' })).toEqual([
      { path: '$.servers[1].port', message: 'must be integer' },
    ]);
    const json = compileNamespaceSchema('json', definition);
    expect(json.violations({ content: '{"servers": [{"port": 80}]}' })).toEqual([]);
  });

  it('refuses schemas it cannot use: remote refs, unknown keywords, too long, not an object, xml', () => {
    expect(
      errorOf(() => compileNamespaceSchema('json', JSON.stringify({ $ref: 'http://127.0.0.1/x.json' })))
        .details,
    ).toMatchObject({ reason: 'INVALID_SCHEMA' });
    expect(errorOf(() => compileNamespaceSchema('json', '{"typo": 1}')).message).toMatch(/unknown keyword/);
    expect(errorOf(() => parseSchemaDefinition(' '.repeat(MAX_SCHEMA_LENGTH + 1))).code).toBe(
      'VALIDATION_FAILED',
    );
    expect(errorOf(() => parseSchemaDefinition('[1]')).message).toMatch(/JSON object/);
    expect(errorOf(() => compileNamespaceSchema('xml', '{}')).details).toMatchObject({
      reason: 'FORMAT_HAS_NO_SCHEMA',
    });
    // A reference inside the schema is fine.
    const local = JSON.stringify({
      $defs: { port: { type: 'integer' } },
      type: 'object',
      properties: { port: { $ref: '#/$defs/port' } },
    });
    expect(compileNamespaceSchema('properties', local).violations({ port: 'x' })).toEqual([
      { path: '$.port', message: 'must be integer' },
    ]);
  });

  it('writes JSON paths for odd keys', () => {
    expect(jsonPathOf('')).toBe('$');
    expect(jsonPathOf('/a~1b/0/c~0d')).toBe("$['a/b'][0]['c~d']");
    expect(jsonPathOf('', "it's")).toBe("$['it\\'s']");
  });
});
