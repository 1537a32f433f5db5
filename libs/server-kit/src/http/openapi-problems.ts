import type { OpenAPIObject } from '@nestjs/swagger';

type Operation = Record<string, unknown> & {
  responses?: Record<string, unknown>;
  parameters?: Array<Record<string, unknown>>;
};

type SchemaObject = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>[string];

export const PROBLEM_SCHEMA_NAME = 'Problem';

/** The problem body of every refusal (`ProblemBody`), as a schema. */
export const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['status', 'code', 'message', 'path'],
  properties: {
    status: { type: 'integer', description: 'The HTTP status, repeated', example: 400 },
    code: {
      type: 'string',
      description:
        'Machine-readable reason: a domain error code (VALIDATION_FAILED, OPERATOR_REQUIRED, NOT_FOUND, ALREADY_EXISTS, CONCURRENT_MODIFICATION, …) or one derived from the status',
      example: 'VALIDATION_FAILED',
    },
    message: { type: 'string', description: 'For people; never switch on it' },
    details: {
      type: 'object',
      additionalProperties: true,
      description: 'What a caller can act on: the field, the line and column, the holder of a lock, …',
    },
    errorId: { type: 'string', description: 'Only for unexpected errors: the id the error was logged under' },
    path: { type: 'string', description: 'The request path' },
    requestId: { type: 'string' },
  },
};

/** What each refusal status means, in every Houston document. */
export const PROBLEM_STATUS_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is invalid (`VALIDATION_FAILED`, `BAD_REQUEST`, `INVALID_DOCUMENT`, `OPERATOR_REQUIRED`)',
  401: 'No valid credentials (`UNAUTHORIZED`)',
  403: 'Not allowed (`FORBIDDEN`)',
  404: 'Nothing by that name (`NOT_FOUND`)',
  409: 'In conflict with what is stored (`ALREADY_EXISTS`, `CONCURRENT_MODIFICATION`, `CONFLICT`, `RELEASE_PRECONDITION_FAILED`, `REVIEW_REQUIRED`)',
  413: 'Too large (`PAYLOAD_TOO_LARGE`)',
  422: 'The content breaks a rule: the namespace schema (`SCHEMA_VIOLATION`, the paths in `details`) or a release webhook veto (`RELEASE_VETOED`)',
  423: 'Locked by another operator (`LOCKED`)',
  429: 'Too many requests (`TOO_MANY_REQUESTS`); retry after `Retry-After`',
  503: 'A dependency is unavailable (`UNAVAILABLE`); retry after `Retry-After`',
};

export function problemResponse(
  status: number,
  description = PROBLEM_STATUS_DESCRIPTIONS[status] ?? '',
): object {
  return {
    description,
    content: { 'application/json': { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA_NAME}` } } },
  };
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** Every operation of a document, with its path and method, for finishing passes. */
export function operationsOf(
  document: OpenAPIObject,
): Array<{ path: string; method: (typeof HTTP_METHODS)[number]; operation: Operation }> {
  const found = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (operation) found.push({ path, method, operation });
    }
  }
  return found;
}

/**
 * Adds the problem schema and, to every operation, the refusals `statusesOf` names for it (a
 * response the route declares itself is kept).
 */
export function withProblemResponses(
  document: OpenAPIObject,
  statusesOf: (path: string, method: string) => readonly number[],
): OpenAPIObject {
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, [PROBLEM_SCHEMA_NAME]: PROBLEM_SCHEMA };
  for (const { path, method, operation } of operationsOf(document)) {
    const responses = (operation.responses ??= {});
    for (const status of statusesOf(path, method)) responses[String(status)] ??= problemResponse(status);
  }
  return document;
}
