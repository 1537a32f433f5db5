import type { OpenAPIObject } from '@nestjs/swagger';
import { finishAdminDocument } from './admin-openapi';

type Parameter = { name: string; in: 'header' | 'query'; required: boolean; schema: { type: 'string' } };

const operation = (parameters: Parameter[] = []) => ({
  parameters,
  responses: { '200': { description: '' } },
});

/** A document as Nest writes it before the admin-service finishes it. */
function nestDocument(): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 'admin', version: '1' },
    paths: {
      '/health': { get: operation() },
      '/apps': { get: operation() },
      '/apps/{appId}/clusters/{cluster}/namespaces/{namespace}/releases': {
        post: operation([{ name: 'x-operator', in: 'header', required: true, schema: { type: 'string' } }]),
      },
      '/releases/{releaseId}/rollback': {
        put: operation([
          { name: 'operator', in: 'query', required: true, schema: { type: 'string' } },
          { name: 'x-operator', in: 'header', required: true, schema: { type: 'string' } },
        ]),
      },
    },
  };
}

type Responses = Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
const responsesOf = (document: OpenAPIObject, path: string, method: string) =>
  (document.paths[path] as Record<string, { responses: Responses }>)[method]!.responses;

describe('the admin-service OpenAPI document', () => {
  it('documents every refusal of a guarded route with the problem schema, by status', () => {
    const document = finishAdminDocument(nestDocument());
    const publish = responsesOf(
      document,
      '/apps/{appId}/clusters/{cluster}/namespaces/{namespace}/releases',
      'post',
    );
    expect(Object.keys(publish).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '409',
      '413',
      '422',
      '423',
      '503',
    ]);
    for (const [status, response] of Object.entries(publish).filter(([status]) => status !== '200')) {
      expect({ status, schema: response.content?.['application/json']?.schema }).toEqual({
        status,
        schema: { $ref: '#/components/schemas/Problem' },
      });
      expect(response.description).toMatch(/`[A-Z_]+`/);
    }
    expect(publish['422']!.description).toMatch(/SCHEMA_VIOLATION[\s\S]*RELEASE_VETOED/);
    expect(Object.keys(responsesOf(document, '/apps', 'get')).sort()).toEqual(['200', '400', '401', '503']);
    expect(responsesOf(document, '/health', 'get')).toEqual({ '200': { description: '' } });
  });

  it('says the operator may come from a body field, the query parameter or the header', () => {
    const document = finishAdminDocument(nestDocument());
    const rollback = (
      document.paths['/releases/{releaseId}/rollback'] as Record<string, { parameters: unknown[] }>
    ).put!.parameters as Array<Record<string, unknown>>;
    const header = rollback.find((parameter) => parameter['in'] === 'header');
    expect(header).toMatchObject({ name: 'X-Operator', required: false });
    expect(header!['description']).toMatch(/body field[\s\S]*`operator` query parameter[\s\S]*this header/);
    expect(rollback.find((parameter) => parameter['in'] === 'query')).toMatchObject({
      name: 'operator',
      required: false,
    });
  });
});
