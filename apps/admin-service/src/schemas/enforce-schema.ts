import {
  acceptsSchema,
  schemaViolationError,
  type NamespaceFormat,
  type SchemaViolation,
} from '@houston/domain';
import type { RepositoryPorts } from '@houston/persistence';
import type { DocumentChecker } from '@houston/server-kit';

/** The schema a namespace definition has in force, if any. */
export async function schemaInForce(
  repos: RepositoryPorts,
  definition: { appId: string; name: string; format: string },
): Promise<{ version: number; definition: string } | null> {
  if (!acceptsSchema(definition.format as NamespaceFormat)) return null;
  const latest = await repos.namespaceSchemas.latest(definition.appId, definition.name);
  return latest && latest.definition !== ''
    ? { version: latest.version, definition: latest.definition }
    : null;
}

export interface SchemaCheck {
  version: number;
  violations: SchemaViolation[];
}

/**
 * Applies the namespace's schema, if it has one, to a whole configuration as it would be after
 * an edit or in a release (`configurations` built only when there is a schema). Runs on the
 * document-check worker: a yaml document has to be parsed again for it.
 */
export async function checkAgainstSchema(
  repos: RepositoryPorts,
  documents: DocumentChecker,
  definition: { appId: string; name: string; format: string },
  configurations: () => Promise<Record<string, string>> | Record<string, string>,
): Promise<SchemaCheck | null> {
  const schema = await schemaInForce(repos, definition);
  if (!schema) return null;
  const violations = await documents.checkSchema(
    definition.format as NamespaceFormat,
    schema.definition,
    await configurations(),
  );
  return { version: schema.version, violations };
}

/** The same, refusing with 422 `SCHEMA_VIOLATION` (paths and messages in `details`) when it does not match. */
export async function enforceSchema(
  repos: RepositoryPorts,
  documents: DocumentChecker,
  definition: { appId: string; name: string; format: string },
  what: string,
  configurations: () => Promise<Record<string, string>> | Record<string, string>,
): Promise<void> {
  const check = await checkAgainstSchema(repos, documents, definition, configurations);
  if (check && check.violations.length > 0) throw schemaViolationError(what, check.violations, check.version);
}
