import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPatch } from 'diff';
import {
  DOCUMENTED_SERVERS,
  OPENAPI_DIRECTORY,
  readServedDocuments,
  REGENERATE_OPENAPI,
  type DocumentedServer,
} from './openapi/served-documents';

type Operation = {
  operationId?: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string }>;
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
};
type Document = { paths: Record<string, Record<string, Operation>> };

const committed = (name: DocumentedServer): Document =>
  JSON.parse(
    readFileSync(join(__dirname, '../../..', OPENAPI_DIRECTORY, `${name}.json`), 'utf8'),
  ) as Document;

const operations = (document: Document) =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
  );

describe('committed OpenAPI documents', () => {
  let served: Record<DocumentedServer, unknown>;

  beforeAll(async () => {
    served = await readServedDocuments();
  });

  it.each(DOCUMENTED_SERVERS)('%s serves the committed document', (name) => {
    const drift = `${OPENAPI_DIRECTORY}/${name}.json differs from what the running ${name} serves: run \`${REGENERATE_OPENAPI}\` and commit the result`;
    let expected: Document;
    try {
      expected = committed(name);
    } catch (error) {
      throw new Error(`${drift} (${String(error)})`);
    }
    const [was, is] = [expected, served[name]].map((document) => JSON.stringify(document, null, 2) + '\n');
    if (was !== is) throw new Error(`${drift}\n${createPatch(`${name}.json`, was!, is!).slice(0, 6000)}`);
  });

  it('every admin-service and client API operation has an id, a tag and problem-shaped refusals', () => {
    for (const name of ['admin-service', 'config-service'] as const) {
      for (const { path, method, operation } of operations(served[name] as Document)) {
        if (path === '/health' || path === '/ready') continue;
        const where = `${name} ${method.toUpperCase()} ${path}`;
        expect({ where, operationId: typeof operation.operationId }).toEqual({
          where,
          operationId: 'string',
        });
        expect({ where, tagged: (operation.tags ?? []).length > 0 }).toEqual({ where, tagged: true });
        const refusals = Object.entries(operation.responses).filter(([status]) => status.startsWith('4'));
        expect({ where, refusals: refusals.length > 0 }).toEqual({ where, refusals: true });
        for (const [status, response] of refusals) {
          const schema = response.content?.['application/json']?.schema?.$ref;
          expect({ where, status, schema }).toEqual({
            where,
            status,
            schema: '#/components/schemas/Problem',
          });
        }
      }
    }
  });

  it('documents the client API with its parameters and says where the operator may come from', () => {
    const client = served['config-service'] as Document;
    const configs = client.paths['/configs/{appId}/{cluster}/{namespace}']!['get']!;
    expect(configs.parameters!.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining([
        'releaseKey',
        'ip',
        'label',
        'messages',
        'dataCenter',
        'Authorization',
        'Timestamp',
      ]),
    );
    expect(Object.keys(configs.responses)).toEqual(
      expect.arrayContaining(['200', '304', '400', '401', '404']),
    );
    const admin = served['admin-service'] as Document;
    const publish = admin.paths['/apps/{appId}/clusters/{cluster}/namespaces/{namespace}/releases']!['post']!;
    const operator = publish.parameters!.find((parameter) => parameter.name === 'X-Operator') as unknown as {
      required: boolean;
      description: string;
    };
    expect(operator.required).toBe(false);
    expect(operator.description).toMatch(/body field.*query parameter.*header/);
  });
});
