import {
  DomainError,
  serializeProperties,
  validateAppId,
  validateClientReports,
  validateClusterName,
} from '@houston/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ClientAuthorizer } from '../access/client-authorizer';
import type { ConfigRequest } from '../configs/config-assembler';
import type { ConfigQueryService, ServedConfig } from '../configs/config-query.service';
import type { IncrementalSync } from '../configs/incremental-sync';
import type { InstanceSightings } from '../instances/instance-sightings';
import type { HeldPollsPerClient } from '../notifications/held-polls-per-client';
import type { NotificationService } from '../notifications/notification-service';
import type { ClientReportRecorder } from '../reports/client-report-recorder';

export interface ClientRouteDeps {
  configs: ConfigQueryService;
  notifications: NotificationService;
  instances: InstanceSightings;
  authorizer: ClientAuthorizer;
  incremental: IncrementalSync;
  longPollTimeoutMs: number;
  /** Caps the polls one address holds (429 past it); no cap when absent. */
  heldPolls?: HeldPollsPerClient;
  /** Where `POST /client-reports` lands (batched); the route is absent without it. */
  reports?: ClientReportRecorder;
}

/** A report batch is small: 100 reports of a few hundred bytes. */
const REPORT_BODY_LIMIT = 64 * 1024;

interface ConfigPath {
  appId: string;
  cluster: string;
  namespace: string;
}

interface ClientQuery {
  releaseKey?: string;
  dataCenter?: string;
  messages?: string;
  /** The client's IP as it reports it (gray rules, instance records); else the connection's. */
  ip?: string;
  label?: string;
  appId?: string;
  cluster?: string;
  notifications?: string;
}

type ClientRequest = FastifyRequest<{ Params: ConfigPath; Querystring: ClientQuery }>;

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';
const RAW_CONTENT_TYPES: Record<string, string> = {
  json: JSON_TYPE,
  yml: 'application/yaml; charset=utf-8',
  yaml: 'application/yaml; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  txt: TEXT_TYPE,
  properties: TEXT_TYPE,
};

/**
 * App ids and clusters must be names the admin API could have created (Apollo's name rule): a
 * trailing space, a NUL or a zero-width space would otherwise reach the database, whose collation
 * may match them to a stored row under a key no release message names. 400 instead.
 */
function validateClientNames(appId: string, cluster: string): void {
  validateAppId(appId);
  validateClusterName(cluster);
}

function configRequest(request: ClientRequest): ConfigRequest {
  const { appId, cluster, namespace } = request.params;
  validateClientNames(appId, cluster);
  const query = request.query;
  return {
    appId,
    cluster,
    namespace,
    dataCenter: query.dataCenter || undefined,
    ip: query.ip || request.ip,
    label: query.label || undefined,
  };
}

/** The paths of the client API: served outside Nest (see `registerClientRoutes`). */
export const CLIENT_ROUTE_PREFIXES: readonly string[] = [
  '/configs/',
  '/configfiles/',
  '/notifications/v2',
  '/client-reports',
];

type Answer = (
  request: ClientRequest,
  reply: FastifyReply,
  client: ConfigRequest,
  config: ServedConfig,
) => void | Promise<void>;

/**
 * Apollo's client API (`/configs`, `/configfiles`, `/notifications/v2`) as plain Fastify routes
 * on a Fastify instance of their own: this is the hot path, so it skips Nest's router, hooks,
 * pipes and interceptors and sends ready-made bodies. A read whose access keys and answer are
 * in memory (the usual case) is answered synchronously, without a promise. Errors are thrown to
 * the lean router's error handler, which answers with the same problem body as everywhere else;
 * status codes are Apollo's.
 */
export function registerClientRoutes(fastify: FastifyInstance, deps: ClientRouteDeps): void {
  const read =
    (answer: Answer, withMessages = false) =>
    (request: ClientRequest, reply: FastifyReply): FastifyReply | Promise<FastifyReply> => {
      const client = configRequest(request);
      const messages = withMessages ? request.query.messages : undefined;
      const checking = deps.authorizer.check(client.appId, request.headers, request.url);
      const ready = checking ? undefined : deps.configs.cached(client, messages);
      if (ready) {
        const answering = answer(request, reply, client, ready);
        return answering ? answering.then(() => reply) : reply;
      }
      return (async () => {
        await checking;
        await answer(request, reply, client, await deps.configs.find(client, messages));
        return reply;
      })();
    };

  fastify.get<{ Params: ConfigPath; Querystring: ClientQuery }>(
    '/configs/:appId/:cluster/:namespace',
    read((request, reply, client, config) => {
      deps.instances.sawRead(client, client.dataCenter, client.ip ?? '', config.releases);
      const clientKey = request.query.releaseKey;
      if (config.releaseKey === (clientKey ?? '-1')) {
        void reply.status(304).send();
        return;
      }
      const send = (incremental: Buffer | undefined) =>
        void reply.header('content-type', JSON_TYPE).send(incremental ?? config.body);
      // Only the changes since the client's release, when its app has incremental sync on.
      const incremental = deps.incremental.answer(config, clientKey);
      if (incremental instanceof Promise) return incremental.then(send);
      send(incremental);
    }, true),
  );

  fastify.get<{ Params: ConfigPath; Querystring: ClientQuery }>(
    '/configfiles/json/:appId/:cluster/:namespace',
    read((_request, reply, _client, config) => {
      void reply.header('content-type', JSON_TYPE).send(config.jsonBody());
    }),
  );

  fastify.get<{ Params: ConfigPath; Querystring: ClientQuery }>(
    '/configfiles/raw/:appId/:cluster/:namespace',
    read((request, reply, _client, config) => {
      const content =
        config.format === 'properties'
          ? serializeProperties(config.configurations)
          : config.configurations['content'];
      if (content === undefined)
        throw new DomainError('NOT_FOUND', `namespace ${request.params.namespace} has no content`);
      void reply.header('content-type', RAW_CONTENT_TYPES[config.format] ?? TEXT_TYPE).send(content);
    }),
  );

  fastify.get<{ Params: ConfigPath; Querystring: ClientQuery }>(
    '/configfiles/:appId/:cluster/:namespace',
    read((_request, reply, _client, config) => {
      void reply.header('content-type', TEXT_TYPE).send(serializeProperties(config.configurations));
    }),
  );

  const reports = deps.reports;
  if (reports) {
    // Houston's own: what a client did with the releases it got (applied, rejected, check
    // failed), the health signal of progressive rollouts. Signed like a read when the app has
    // access keys; recorded in batches, off the request path.
    fastify.post('/client-reports', { bodyLimit: REPORT_BODY_LIMIT }, async (request, reply) => {
      const batch = validateClientReports(request.body);
      await deps.authorizer.check(batch.appId, request.headers, request.url);
      const accepted = reports.record(batch, batch.ip ?? request.ip);
      void reply.status(202).header('content-type', JSON_TYPE).send(JSON.stringify({ accepted }));
      return reply;
    });
  }

  fastify.get<{ Querystring: ClientQuery }>('/notifications/v2', async (request, reply) => {
    const { appId, cluster, notifications, dataCenter, ip, label } = request.query;
    if (!appId) throw new DomainError('BAD_REQUEST', 'appId is required', { field: 'appId' });
    validateClientNames(appId, cluster || 'default');
    await deps.authorizer.check(appId, request.headers, request.url);
    const outcome = await deps.notifications.poll({
      appId,
      cluster: cluster || 'default',
      notifications,
      dataCenter: dataCenter || undefined,
      ip: ip || request.ip,
      label: label || undefined,
    });
    if (outcome.kind === 'changed') {
      void reply.header('content-type', JSON_TYPE).send(outcome.body);
      return reply;
    }
    // Counted by the connection's address (the forwarded one behind a trusted proxy), never by
    // the `ip` the client reports about itself.
    const release = deps.heldPolls ? deps.heldPolls.acquire(request.ip) : () => undefined;
    if (!release) {
      throw new DomainError('TOO_MANY_REQUESTS', `${request.ip} already holds as many long polls as it may`, {
        client: request.ip,
      });
    }
    const drop = deps.notifications.registry.hold(
      {
        namespaceByKey: outcome.namespaceByKey,
        complete: (body) => {
          release();
          const response = reply.raw;
          if (response.headersSent || response.destroyed) return;
          // A release wakes thousands of these at once: each goes straight onto its response,
          // one write of a body encoded once, past Fastify's send pipeline.
          reply.hijack();
          if (body === null) response.writeHead(304).end();
          else {
            response.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': body.length }).end(body);
          }
        },
      },
      deps.longPollTimeoutMs,
    );
    // A client that gives up may only half-close its side (fetch's abort does); without an
    // answer the server would keep that socket, so it is closed here.
    const socket = reply.raw.socket;
    reply.raw.once('close', () => {
      release();
      drop();
      if (!reply.raw.writableFinished) socket?.destroy();
    });
    return reply; // answered later, by the registry
  });
}
