import { DomainError } from '@houston/domain';
import { joinUrl, MetaServerClient } from '@houston/discovery';
import type { PortalEnvironment } from './portal-environments';

export interface EnvironmentGatewayOptions {
  environments: PortalEnvironment[];
  /** Per attempt: one meta-server, or one admin-service instance. */
  timeoutMs: number;
  /** How long a discovered list of admin-services is reused before the meta-server is asked again. */
  discoveryTtlMs: number;
  /** Sent as `Authorization: Bearer …` to every admin-service (they require one). */
  adminToken?: string;
  fetchImpl?: typeof fetch;
  now?: () => number;
  /** Told of every look-up of an environment's admin-services (metrics). */
  onDiscovery?: (env: string, result: 'ok' | 'empty' | 'failed', seconds: number) => void;
}

export interface EnvironmentStatus {
  env: string;
  status: 'up' | 'unreachable';
  /** Admin-service instances the meta-server lists. */
  adminServices: number;
  /** Why the environment is unreachable. */
  reason?: string;
}

export interface AdminRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path on the admin-service, already encoded, with its query. */
  path: string;
  body?: unknown;
  /** The signed-in portal user, recorded by the admin-service as the operator. */
  operator?: string;
}

export interface AdminAnswer {
  status: number;
  body: unknown;
}

/**
 * The portal's way into each environment: the environment's meta-server says where its
 * admin-services are (`GET /services/admin`), each call goes to one of them and moves on to the
 * next when one does not answer. A dead environment makes its own calls fail with 503
 * `UNAVAILABLE` (details name the environment); other environments are not affected.
 */
export class EnvironmentGateway {
  private readonly byName = new Map<string, { environment: PortalEnvironment; meta: MetaServerClient }>();
  private readonly discovered = new Map<string, { urls: string[]; at: number }>();
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;

  constructor(private readonly options: EnvironmentGatewayOptions) {
    this.fetchImpl = options.fetchImpl ?? fetch;
    this.now = options.now ?? Date.now;
    for (const environment of options.environments) {
      this.byName.set(environment.name, {
        environment,
        meta: new MetaServerClient({
          metaServerUrls: environment.metaServerUrls,
          timeoutMs: options.timeoutMs,
          fetchImpl: this.fetchImpl,
        }),
      });
    }
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  /** The environment's canonical name; 404 for one the portal does not manage. */
  resolve(env: string): string {
    const name = env.toUpperCase();
    if (!this.byName.has(name)) {
      throw new DomainError('NOT_FOUND', `the portal manages no environment ${env}`, {
        environments: this.names(),
      });
    }
    return name;
  }

  async statuses(): Promise<EnvironmentStatus[]> {
    return Promise.all(this.names().map((env) => this.status(env)));
  }

  async status(env: string): Promise<EnvironmentStatus> {
    const name = this.resolve(env);
    let urls: string[];
    try {
      urls = await this.adminUrls(name, true);
    } catch (error) {
      return { env: name, status: 'unreachable', adminServices: 0, reason: reasonOf(error) };
    }
    const failures: string[] = [];
    for (const url of urls) {
      try {
        const response = await this.fetchImpl(joinUrl(url, 'health'), {
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
        await response.arrayBuffer();
        if (response.ok) return { env: name, status: 'up', adminServices: urls.length };
        failures.push(`${url}: HTTP ${response.status}`);
      } catch (error) {
        failures.push(`${url}: ${reasonOf(error)}`);
      }
    }
    return {
      env: name,
      status: 'unreachable',
      adminServices: urls.length,
      reason: `no admin-service answered: ${failures.join('; ')}`,
    };
  }

  /**
   * Sends one request to an admin-service of `env`. A request that could not be delivered is
   * tried on the next instance; a write whose delivery is uncertain (a timeout after sending) is
   * not repeated, so it cannot be applied twice.
   */
  async call(env: string, request: AdminRequest): Promise<AdminAnswer> {
    const name = this.resolve(env);
    const urls = await this.adminUrls(name, false);
    const failures: string[] = [];
    for (const url of urls) {
      try {
        return await this.send(url, request);
      } catch (error) {
        failures.push(`${url}: ${reasonOf(error)}`);
        if (request.method !== 'GET' && !notDelivered(error)) break;
      }
    }
    // What failed may be a stale list: ask the meta-server again next time.
    this.discovered.delete(name);
    throw unavailable(name, `no admin-service answered: ${failures.join('; ')}`);
  }

  private async send(baseUrl: string, request: AdminRequest): Promise<AdminAnswer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.operator) headers['x-operator'] = request.operator;
    if (this.options.adminToken) headers['authorization'] = `Bearer ${this.options.adminToken}`;
    const response = await this.fetchImpl(`${baseUrl.replace(/\/+$/, '')}${request.path}`, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    const text = await response.text();
    let body: unknown = undefined;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status: response.status, body };
  }

  private async adminUrls(name: string, fresh: boolean): Promise<string[]> {
    const cached = this.discovered.get(name);
    if (!fresh && cached && this.now() - cached.at < this.options.discoveryTtlMs) return cached.urls;
    let urls: string[];
    const started = this.now();
    const looked = (result: 'ok' | 'empty' | 'failed') =>
      this.options.onDiscovery?.(name, result, (this.now() - started) / 1000);
    try {
      urls = (await this.byName.get(name)!.meta.adminServices()).map((service) => service.homepageUrl);
    } catch (error) {
      this.discovered.delete(name);
      looked('failed');
      throw unavailable(name, reasonOf(error));
    }
    if (urls.length === 0) {
      this.discovered.delete(name);
      looked('empty');
      throw unavailable(name, 'the meta-server lists no admin-service');
    }
    looked('ok');
    this.discovered.set(name, { urls, at: this.now() });
    return urls;
  }
}

function unavailable(env: string, reason: string): DomainError {
  return new DomainError('UNAVAILABLE', `environment ${env} is unreachable: ${reason}`, { env, reason });
}

function reasonOf(error: unknown): string {
  if (error instanceof DomainError && typeof error.details?.['reason'] === 'string') {
    return error.details['reason'];
  }
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    if (error.name === 'TimeoutError') return 'timed out';
    if (cause?.code) return `${error.message} (${cause.code})`;
    return error.message;
  }
  return String(error);
}

/** Refused or unresolvable: nothing reached the server, so trying another instance is safe. */
function notDelivered(error: unknown): boolean {
  const code = (error as { cause?: { code?: string } })?.cause?.code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH';
}
