import { problemResponse, withProblemResponses } from '@houston/server-kit';
import type { OpenAPIObject } from '@nestjs/swagger';

/*
 * The client API is served outside Nest (see client-routes.ts), so no decorator can describe it:
 * this is its document, kept next to the routes and committed with the others
 * (docs/openapi/config-service.json), where a test compares it with what a running server serves.
 */

const pathParameter = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});
const queryParameter = (name: string, description: string, schema: object = { type: 'string' }) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});

const NAMESPACE_PATH = [
  pathParameter(
    'appId',
    "The client's app id (Apollo's name rule; another letter case is served under the stored one)",
  ),
  pathParameter('cluster', 'The cluster asked for; falls back to `dataCenter`, then `default`'),
  pathParameter('namespace', 'The namespace; matched case-insensitively, a `.properties` suffix is stripped'),
];
const IP = queryParameter(
  'ip',
  "The client's IP for gray rules and instance records; else the connection's address",
);
const LABEL = queryParameter('label', "The client's label (`apollo.label`) for gray rules");
const DATA_CENTER = queryParameter('dataCenter', 'The cluster to fall back to before `default`');
const SIGNATURE_HEADERS = [
  {
    name: 'Authorization',
    in: 'header',
    required: false,
    description:
      "Apollo's access-key signature `Apollo {appId}:{base64 HMAC-SHA1 of timestamp + \\n + path with query}`; required when the app has an enabled FILTER key",
    schema: { type: 'string' },
  },
  {
    name: 'Timestamp',
    in: 'header',
    required: false,
    description: 'Milliseconds since the epoch that were signed; at most 60 s from the server clock',
    schema: { type: 'string' },
  },
];
const CONFIG_READ_PARAMETERS = [...NAMESPACE_PATH, DATA_CENTER, IP, LABEL, ...SIGNATURE_HEADERS];

const text = (description: string, mediaType = 'text/plain') => ({
  description,
  content: { [mediaType]: { schema: { type: 'string' } } },
});
const json = (description: string, ref: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } },
});

const SCHEMAS = {
  ApolloConfig: {
    type: 'object',
    required: ['appId', 'cluster', 'namespaceName', 'releaseKey'],
    properties: {
      appId: { type: 'string' },
      cluster: { type: 'string', description: 'The cluster served (after fallback)' },
      namespaceName: { type: 'string' },
      configurations: {
        type: 'object',
        additionalProperties: { type: 'string' },
        description: 'The configuration; absent in an incremental answer',
      },
      releaseKey: { type: 'string', description: 'Send it back as `releaseKey`: 304 while it is current' },
      configSyncType: {
        type: 'string',
        enum: ['IncrementalSync'],
        description: 'Only for apps with incremental sync on, when `releaseKey` names an older release',
      },
      configurationChanges: {
        type: 'array',
        items: { $ref: '#/components/schemas/ConfigurationChange' },
      },
    },
  },
  ConfigurationChange: {
    type: 'object',
    required: ['key', 'configurationChangeType'],
    properties: {
      key: { type: 'string' },
      newValue: { type: 'string', description: 'Absent for DELETED' },
      configurationChangeType: { type: 'string', enum: ['ADDED', 'MODIFIED', 'DELETED'] },
    },
  },
  ClientReportBatch: {
    type: 'object',
    required: ['appId', 'reports'],
    properties: {
      appId: { type: 'string' },
      cluster: { type: 'string', description: 'Default `default`' },
      dataCenter: { type: 'string' },
      ip: {
        type: 'string',
        description:
          "The IP the client sends as `ip` on its reads (its instance identity); else the connection's address",
      },
      reports: {
        type: 'array',
        minItems: 1,
        maxItems: 100,
        items: {
          type: 'object',
          required: ['namespaceName', 'releaseKey', 'status'],
          properties: {
            namespaceName: { type: 'string' },
            releaseKey: { type: 'string', description: 'The release key the client got' },
            status: { type: 'string', enum: ['applied', 'rejected', 'check_failed'] },
            message: { type: 'string', maxLength: 256 },
          },
        },
      },
    },
  },
  ApolloNotification: {
    type: 'object',
    required: ['namespaceName', 'notificationId'],
    properties: {
      namespaceName: { type: 'string', description: 'As the client spelt it' },
      notificationId: { type: 'integer', description: 'Send it back on the next poll' },
      messages: {
        type: 'object',
        properties: { details: { type: 'object', additionalProperties: { type: 'integer' } } },
        description: 'The notification ids per watched key; send as `messages` on /configs',
      },
    },
  },
};

const PATHS = {
  '/configs/{appId}/{cluster}/{namespace}': {
    get: {
      operationId: 'getConfig',
      tags: ['client'],
      summary: 'The released configuration of a namespace (what an Apollo client loads)',
      parameters: [
        ...NAMESPACE_PATH,
        queryParameter('releaseKey', 'The release key the client holds (`-1` or absent: none)'),
        DATA_CENTER,
        IP,
        LABEL,
        queryParameter(
          'messages',
          'The `messages` of the notification that made the client read (JSON); ignored when not valid JSON, as Apollo does',
        ),
        ...SIGNATURE_HEADERS,
      ],
      responses: {
        '200': json(
          'The configuration, or the changes since `releaseKey` (incremental sync)',
          'ApolloConfig',
        ),
        '304': { description: '`releaseKey` is the current release' },
        '404': problemResponse(404, 'Nothing released for this app, cluster (after fallback) and namespace'),
      },
    },
  },
  '/configfiles/{appId}/{cluster}/{namespace}': {
    get: {
      operationId: 'getConfigFile',
      tags: ['client'],
      summary: 'The released configuration as properties text',
      parameters: CONFIG_READ_PARAMETERS,
      responses: { '200': text('Properties text') },
    },
  },
  '/configfiles/json/{appId}/{cluster}/{namespace}': {
    get: {
      operationId: 'getConfigFileJson',
      tags: ['client'],
      summary: 'The released configuration as a flat JSON object',
      parameters: CONFIG_READ_PARAMETERS,
      responses: {
        '200': {
          description: 'Key to value',
          content: {
            'application/json': { schema: { type: 'object', additionalProperties: { type: 'string' } } },
          },
        },
      },
    },
  },
  '/configfiles/raw/{appId}/{cluster}/{namespace}': {
    get: {
      operationId: 'getConfigFileRaw',
      tags: ['client'],
      summary: "A namespace's document as written (Houston extension): yaml, json, xml, txt or properties",
      parameters: CONFIG_READ_PARAMETERS,
      responses: { '200': text('The document, with its format as content type') },
    },
  },
  '/client-reports': {
    post: {
      operationId: 'reportClientStatus',
      tags: ['client'],
      summary:
        'Houston extension: what the client did with the releases it got (applied, rejected, check failed); the health signal of rollouts',
      parameters: SIGNATURE_HEADERS,
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ClientReportBatch' } } },
      },
      responses: {
        '202': {
          description: 'Recorded (written in the next batch): how many release keys were reported',
          content: {
            'application/json': {
              schema: { type: 'object', properties: { accepted: { type: 'integer' } } },
            },
          },
        },
      },
    },
  },
  '/notifications/v2': {
    get: {
      operationId: 'pollNotifications',
      tags: ['client'],
      summary:
        'Long poll: answered at once when the client is behind, else held until a release or the timeout',
      parameters: [
        { ...queryParameter('appId', "The client's app id"), required: true },
        queryParameter('cluster', 'The cluster (default `default`)'),
        {
          ...queryParameter(
            'notifications',
            'JSON array `[{"namespaceName":"application","notificationId":-1}]`; ids as numbers or quoted numbers',
          ),
          required: true,
        },
        DATA_CENTER,
        IP,
        LABEL,
        ...SIGNATURE_HEADERS,
      ],
      responses: {
        '200': {
          description: 'The namespaces the client is behind on',
          content: {
            'application/json': {
              schema: { type: 'array', items: { $ref: '#/components/schemas/ApolloNotification' } },
            },
          },
        },
        '304': {
          description: 'Nothing changed within `HOUSTON_LONG_POLL_TIMEOUT`, or the server is shutting down',
        },
        '429': problemResponse(
          429,
          'This address already holds `HOUSTON_MAX_HELD_POLLS_PER_CLIENT` long polls',
        ),
      },
    },
  },
};

/** Adds the client API to the config-service's document, every refusal with the problem body. */
export function finishConfigServiceDocument(document: OpenAPIObject): OpenAPIObject {
  document.paths = { ...PATHS, ...document.paths } as OpenAPIObject['paths'];
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, ...SCHEMAS };
  return withProblemResponses(document, (path) => {
    if (!(path in PATHS)) return [];
    // 401 under a FILTER access key without a valid signature; 503 when the database is needed and fails.
    if (path === '/client-reports') return [400, 401, 413];
    return path.startsWith('/notifications') ? [400, 401, 503] : [400, 401, 404, 503];
  });
}
