import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EnvironmentGateway, type AdminAnswer, type AdminRequest } from '../environments/environment-gateway';
import { signedInOf, valuesHidden } from '../sessions/current-user';

/** Body fields and query parameters an admin-service takes as "who did this". */
const OPERATOR_FIELDS = ['dataChangeCreatedBy', 'dataChangeLastModifiedBy', 'releasedBy', 'operator'];
/** Fields that carry configuration values, hidden from non-members in member-only environments. */
const VALUE_FIELDS = new Set(['value', 'configText', 'configurations', 'oldValue', 'newValue']);
export const HIDDEN_VALUE = '******';

/**
 * Sends a portal request on to the admin-service of its environment: the same path without the
 * `/api/envs/{env}` prefix, the same query and body, except that whoever the client claims made
 * the change is dropped and the signed-in portal user is sent as the operator instead. The
 * admin-service's answer (status and problem body included) goes back as it came, with values
 * hidden when the guard said this user may not see them.
 */
@Injectable()
export class ConfigForwarder {
  constructor(@Inject(EnvironmentGateway) private readonly gateway: EnvironmentGateway) {}

  async forward(request: FastifyRequest, reply: FastifyReply, body?: unknown): Promise<unknown> {
    const answer = await this.call(request, {
      path: adminPathOf(request.url),
      body: body ?? request.body ?? undefined,
    });
    return this.answer(request, reply, answer);
  }

  /** Like `forward`, to another admin-service path (with the request's query, operator fields dropped). */
  async forwardTo(request: FastifyRequest, reply: FastifyReply, adminPath: string): Promise<unknown> {
    const query = adminPathOf(request.url).split(/\?(.*)/s, 2)[1];
    const answer = await this.call(request, {
      path: query ? `${adminPath}?${query}` : adminPath,
      body: request.body ?? undefined,
    });
    return this.answer(request, reply, answer);
  }

  /**
   * Permissions were checked on the namespace in the path, so a release named by id must be one
   * of that namespace's: undefined when it is, else the answer to send (404, or the admin's).
   */
  async foreignRelease(request: FastifyRequest, releaseId: string): Promise<AdminAnswer | undefined> {
    const params = request.params as Record<string, string>;
    const found = await this.call(request, {
      method: 'GET',
      path: `/releases/${encodeURIComponent(releaseId)}`,
    });
    if (found.status !== 200) return found;
    const release = found.body as { appId?: string; clusterName?: string; namespaceName?: string };
    if (
      release.appId === params['appId'] &&
      release.clusterName === params['cluster'] &&
      release.namespaceName === params['namespace']
    ) {
      return undefined;
    }
    return notFound(
      request,
      `release ${releaseId} is not a release of ${params['appId']}/${params['cluster']}/${params['namespace']}`,
    );
  }

  /** The same for a gray branch: it must be the branch of the namespace in the path. */
  async foreignBranch(request: FastifyRequest, branch: string): Promise<AdminAnswer | undefined> {
    const found = await this.call(request, { method: 'GET', path: `${namespacePathOf(request)}/branches` });
    if (found.status !== 200) return found;
    if ((found.body as { branchName?: string }).branchName === branch) return undefined;
    const params = request.params as Record<string, string>;
    return notFound(
      request,
      `${branch} is not the gray branch of ${params['appId']}/${params['cluster']}/${params['namespace']}`,
    );
  }

  /** One call to the environment of `request` on behalf of its user (bodies lose operator fields). */
  call(request: FastifyRequest, what: { path: string; body?: unknown; method?: AdminRequest['method'] }) {
    const env = (request.params as Record<string, string>)['env']!;
    return this.gateway.call(env, {
      method: what.method ?? (request.method as AdminRequest['method']),
      path: what.path,
      body: withoutOperator(what.body),
      operator: signedInOf(request)!.user.username,
    });
  }

  answer(request: FastifyRequest, reply: FastifyReply, answer: AdminAnswer): unknown {
    void reply.code(answer.status);
    return valuesHidden(request) ? hideValues(answer.body) : answer.body;
  }
}

/** `/apps/{appId}/clusters/{cluster}/namespaces/{namespace}` of a namespace route, encoded. */
export function namespacePathOf(request: FastifyRequest): string {
  const p = request.params as Record<string, string>;
  const e = encodeURIComponent;
  return `/apps/${e(p['appId']!)}/clusters/${e(p['cluster']!)}/namespaces/${e(p['namespace']!)}`;
}

function notFound(request: FastifyRequest, message: string): AdminAnswer {
  return {
    status: 404,
    body: { status: 404, code: 'NOT_FOUND', message, path: request.url.split('?')[0] },
  };
}

/** `/api/envs/DEV/apps/x?page=1&operator=eve` → `/apps/x?page=1`. */
export function adminPathOf(url: string): string {
  const [path = '', query = ''] = url.split(/\?(.*)/s, 2);
  const adminPath = path.replace(/^\/api\/envs\/[^/]+/, '');
  const params = new URLSearchParams(query);
  for (const field of OPERATOR_FIELDS) params.delete(field);
  // A secret's clear value goes only through the reveal route, which checks RevealSecrets.
  params.delete('reveal');
  const rest = params.toString();
  return rest ? `${adminPath}?${rest}` : adminPath;
}

function withoutOperator(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const copy = { ...(body as Record<string, unknown>) };
  for (const field of OPERATOR_FIELDS) delete copy[field];
  return copy;
}

export function hideValues(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(hideValues);
  if (!body || typeof body !== 'object') return body;
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).map(([key, value]) =>
      VALUE_FIELDS.has(key) ? [key, HIDDEN_VALUE] : [key, hideValues(value)],
    ),
  );
}
