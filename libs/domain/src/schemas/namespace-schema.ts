import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { DomainError } from '../errors/domain-error';
import type { NamespaceFormat } from '../formats/namespace-format';

/** Longest schema definition accepted (JSON text). Compiling one is code generation: keep it small. */
export const MAX_SCHEMA_LENGTH = 64 * 1024;
/** Violations reported per check; past it the list says how many more there were. */
export const MAX_REPORTED_VIOLATIONS = 50;

/** One place where a configuration does not match its namespace's schema. */
export interface SchemaViolation {
  /** Where, as a JSONPath (`$.timeout`, `$['feature.x']`, `$.servers[2].port`). */
  path: string;
  message: string;
}

/** The formats a schema can describe: the document of yaml/json, the key→value map of properties. */
export function acceptsSchema(format: NamespaceFormat): boolean {
  return format === 'properties' || format === 'json' || format === 'yaml' || format === 'yml';
}

function invalidSchema(message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('VALIDATION_FAILED', `the schema is not usable: ${message}`, {
    reason: 'INVALID_SCHEMA',
    ...details,
  });
}

/**
 * Refuses `$ref`s that leave the schema (`http://…`, `other.json#…`): a schema is checked on its
 * own, nothing is fetched. The walk is iterative; the text is bounded by MAX_SCHEMA_LENGTH.
 */
function refuseRemoteRefs(schema: unknown): void {
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (!Array.isArray(node)) {
      const ref = (node as Record<string, unknown>)['$ref'];
      if (ref !== undefined && (typeof ref !== 'string' || !ref.startsWith('#'))) {
        throw invalidSchema(
          `only references inside the schema (#/…) are allowed, not ${JSON.stringify(ref)}`,
        );
      }
    }
    for (const child of Object.values(node)) stack.push(child);
  }
}

/** The definition as stored: JSON text of one object, within MAX_SCHEMA_LENGTH, without remote refs. */
export function parseSchemaDefinition(text: string): Record<string, unknown> {
  if (text.length > MAX_SCHEMA_LENGTH) {
    throw invalidSchema(`it is longer than ${MAX_SCHEMA_LENGTH} characters`, { limit: MAX_SCHEMA_LENGTH });
  }
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    throw invalidSchema(`it is not JSON (${(error as Error).message})`);
  }
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    throw invalidSchema('it must be a JSON object');
  }
  refuseRemoteRefs(schema);
  return schema as Record<string, unknown>;
}

function newAjv(coerceTypes: boolean): Ajv {
  // strict: unknown keywords and formats, and ambiguous types, are errors in the schema rather
  // than silently ignored; no loadSchema, so nothing is ever fetched.
  const ajv = new Ajv({ strict: true, allErrors: true, coerceTypes, validateSchema: true });
  addFormats(ajv);
  return ajv;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `/servers/2/port` → `$.servers[2].port`; keys that are not identifiers in brackets. */
export function jsonPathOf(pointer: string, extraKey?: string): string {
  const segments = pointer === '' ? [] : pointer.slice(1).split('/');
  if (extraKey !== undefined) segments.push(extraKey.replace(/~/g, '~0').replace(/\//g, '~1'));
  let path = '$';
  for (const raw of segments) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(key)) path += `[${key}]`;
    else if (IDENTIFIER.test(key)) path += `.${key}`;
    else path += `['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
  }
  return path;
}

function violationOf(error: ErrorObject): SchemaViolation {
  const params = error.params as Record<string, unknown>;
  const extra =
    error.keyword === 'required'
      ? String(params['missingProperty'])
      : error.keyword === 'additionalProperties'
        ? String(params['additionalProperty'])
        : undefined;
  return { path: jsonPathOf(error.instancePath, extra), message: error.message ?? error.keyword };
}

/** A compiled schema for one namespace format: `violations(configurations)` checks a whole configuration. */
export interface CompiledNamespaceSchema {
  violations(configurations: Record<string, string>): SchemaViolation[];
}

/**
 * Compiles a namespace's schema. For properties, values arrive as strings and are coerced per
 * the schema's type (`"60000"` for an integer, `"true"` for a boolean) before they are checked;
 * yaml and json documents are checked as parsed, without coercion.
 */
export function compileNamespaceSchema(format: NamespaceFormat, definition: string): CompiledNamespaceSchema {
  if (!acceptsSchema(format)) {
    throw new DomainError('VALIDATION_FAILED', `a ${format} namespace cannot carry a schema`, {
      reason: 'FORMAT_HAS_NO_SCHEMA',
      format,
    });
  }
  const schema = parseSchemaDefinition(definition);
  let validate: ValidateFunction;
  try {
    validate = newAjv(format === 'properties').compile(schema);
  } catch (error) {
    throw invalidSchema((error as Error).message);
  }
  return {
    violations(configurations) {
      const data = configurationValue(format, configurations);
      if (validate(data)) return [];
      const errors = validate.errors ?? [];
      const violations = errors.slice(0, MAX_REPORTED_VIOLATIONS).map(violationOf);
      if (errors.length > MAX_REPORTED_VIOLATIONS) {
        violations.push({ path: '$', message: `and ${errors.length - MAX_REPORTED_VIOLATIONS} more` });
      }
      return violations;
    },
  };
}

/** What a schema describes: the key→value map (a copy: coercion writes into it) or the parsed document. */
function configurationValue(format: NamespaceFormat, configurations: Record<string, string>): unknown {
  if (format === 'properties') return { ...configurations };
  const content = configurations['content'] ?? '';
  if (content.trim() === '') return null;
  // Documents are syntax-checked (depth, aliases) before they get here.
  return format === 'json' ? JSON.parse(content) : parseYaml(content, { maxAliasCount: 50 });
}

/** The problem a violating edit or release is refused with (422). */
export function schemaViolationError(
  what: string,
  violations: SchemaViolation[],
  schemaVersion: number,
): DomainError {
  const first = violations[0];
  return new DomainError(
    'SCHEMA_VIOLATION',
    `${what} does not match the namespace's schema (version ${schemaVersion})${first ? `: ${first.path} ${first.message}` : ''}`,
    { schemaVersion, violations },
  );
}
