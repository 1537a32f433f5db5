import { operationsOf, withProblemResponses } from '@houston/server-kit';
import type { OpenAPIObject } from '@nestjs/swagger';
import { OPERATOR_HEADER } from './common/operator';
import { IDEMPOTENCY_KEY_HEADER } from './idempotency/idempotency-key';

const UNGUARDED = new Set(['/health', '/ready']);
const WRITES = new Set(['post', 'put', 'delete', 'patch']);

const OPERATOR_PARAMETER = {
  name: 'X-Operator',
  in: 'header',
  required: false,
  description:
    'Who makes the change. The operator may come from a body field (`dataChangeCreatedBy`, `dataChangeLastModifiedBy`, `releasedBy`, `operator`), from the `operator` query parameter where the route has one, or from this header; the first one given wins. Without any: 400 `OPERATOR_REQUIRED`.',
  schema: { type: 'string', maxLength: 64 },
};

const IDEMPOTENCY_KEY_PARAMETER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'A retry with the same key and request within 24 h gets the first answer instead of a second change; the same key with another request: 409 `CONFLICT`',
  schema: { type: 'string', minLength: 1, maxLength: 128 },
};

/**
 * What the admin-service's decorators cannot say. Nest documents every `@Headers()` argument as
 * a required lower-case header: the operator header is optional (a body field or query
 * parameter may name the operator instead) and the idempotency key is declared once, with its
 * description, by `@ApiHeader`. Every route but health takes a service token, and every route
 * may be refused with the problem body.
 */
export function finishAdminDocument(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.securitySchemes = {
    serviceToken: {
      type: 'http',
      scheme: 'bearer',
      description: 'One of HOUSTON_ADMIN_TOKENS; Apollo-style bare `Authorization: <token>` is taken too',
    },
  };
  for (const { path, operation } of operationsOf(document)) {
    const parameters = operation.parameters ?? [];
    const named = (name: string) => (parameter: Record<string, unknown>) =>
      parameter['in'] === 'header' && String(parameter['name']).toLowerCase() === name;
    // Nest names the headers a handler reads in lower case: those are the routes that take them.
    const takesOperator = parameters.some((parameter) => parameter['name'] === OPERATOR_HEADER);
    const takesIdempotencyKey = parameters.some(named(IDEMPOTENCY_KEY_HEADER));
    operation.parameters = parameters.filter(
      (parameter) => !named(OPERATOR_HEADER)(parameter) && !named(IDEMPOTENCY_KEY_HEADER)(parameter),
    );
    if (takesOperator) operation.parameters.push(OPERATOR_PARAMETER);
    // Nest marks every `@Query()` argument required; the header or a body field may name the operator instead.
    for (const parameter of operation.parameters) {
      if (parameter['in'] === 'query' && parameter['name'] === 'operator') {
        Object.assign(parameter, { required: false, description: 'Who makes the change (or X-Operator)' });
      }
    }
    if (takesIdempotencyKey) {
      const declared = parameters.find(
        (parameter) => named(IDEMPOTENCY_KEY_HEADER)(parameter) && parameter['description'],
      );
      operation.parameters.push(declared ?? IDEMPOTENCY_KEY_PARAMETER);
    }
    if (UNGUARDED.has(path)) operation['security'] = [];
    else operation['security'] = [{ serviceToken: [] }];
  }
  return withProblemResponses(document, (path, method) => {
    if (UNGUARDED.has(path)) return [];
    const statuses = [400, 401];
    if (path.includes('{')) statuses.push(404);
    if (WRITES.has(method)) statuses.push(409, 413);
    // Edits and releases of a namespace: separation of duties, the namespace lock, its schema
    // and the release webhooks may refuse them.
    if (WRITES.has(method) && path.includes('/namespaces/{namespace}')) statuses.push(403, 422, 423);
    statuses.push(503);
    return statuses;
  });
}
