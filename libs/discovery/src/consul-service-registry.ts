import { compareIds } from './compare-ids';
import { joinUrl, normalizeHomepageUrl } from './homepage-url';
import type { ServiceInstance, ServiceRegistry } from './service-registry';

export interface ConsulServiceRegistryOptions {
  /** Base URL of the Consul agent, e.g. `http://127.0.0.1:8500`. */
  url: string;
  /** ACL token, sent as X-Consul-Token. */
  token?: string;
  checkIntervalMs?: number;
  /** Timeout of one HTTP check; defaults to the interval, capped at 5 s. */
  checkTimeoutMs?: number;
  deregisterCriticalAfterMs?: number;
  /** Path of the instance's health endpoint, relative to its homepage URL. */
  healthPath?: string;
  /** Timeout of one request to Consul. */
  requestTimeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/** A Consul answer other than 2xx. */
export class ConsulError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`Consul ${method} ${path} failed with ${status}: ${body.trim() || '(empty body)'}`);
    this.name = 'ConsulError';
  }
}

interface ConsulHealthEntry {
  Node?: { Address?: string };
  Service?: {
    ID?: string;
    Service?: string;
    Address?: string;
    Port?: number;
    Tags?: string[];
    Meta?: Record<string, string>;
  };
}

/** Meta keys Houston sets itself; everything else in Meta is the instance's own metadata. */
const HOMEPAGE_KEY = 'homepageUrl';
const CLUSTER_KEY = 'cluster';
const DEFAULT_CLUSTER = 'default';
const TAG = 'houston';

/** Go duration syntax, as Consul parses it: whole seconds when possible, otherwise milliseconds. */
export function toGoDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0)
    throw new Error(`Duration must be a positive number of milliseconds, got ${ms}`);
  const rounded = Math.round(ms);
  if (rounded % 60_000 === 0) return `${rounded / 60_000}m`;
  if (rounded % 1000 === 0) return `${rounded / 1000}s`;
  return `${rounded}ms`;
}

function hostForUrl(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

/**
 * Discovery through a Consul agent: instances register with an HTTP health check that Consul runs,
 * so no heartbeat timers live in this process. Talks to the documented HTTP API with fetch.
 */
export class ConsulServiceRegistry implements ServiceRegistry {
  readonly kind = 'consul' as const;
  private readonly url: string;
  private readonly token: string | undefined;
  private readonly checkInterval: string;
  private readonly checkTimeout: string;
  private readonly deregisterCriticalAfter: string;
  private readonly healthPath: string;
  private readonly requestTimeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly own = new Set<string>();
  private closed = false;

  constructor(options: ConsulServiceRegistryOptions) {
    if (!options.url) throw new Error('ConsulServiceRegistry needs the Consul agent URL');
    this.url = options.url;
    this.token = options.token || undefined;
    const intervalMs = options.checkIntervalMs ?? 10_000;
    this.checkInterval = toGoDuration(intervalMs);
    this.checkTimeout = toGoDuration(options.checkTimeoutMs ?? Math.min(intervalMs, 5_000));
    this.deregisterCriticalAfter = toGoDuration(options.deregisterCriticalAfterMs ?? 60_000);
    this.healthPath = options.healthPath ?? '/health';
    this.requestTimeoutMs = options.requestTimeoutMs ?? 5_000;
    this.fetchImpl = options.fetchImpl ?? fetch;
  }

  async register(instance: ServiceInstance): Promise<void> {
    if (this.closed) throw new Error('ConsulServiceRegistry is closed');
    await this.request('PUT', '/v1/agent/service/register', this.registrationBody(instance));
    this.own.add(instance.instanceId);
  }

  /** Unknown ids count as done: Consul may already have reaped a critical instance. */
  async deregister(instanceId: string): Promise<void> {
    try {
      await this.request('PUT', `/v1/agent/service/deregister/${encodeURIComponent(instanceId)}`);
    } catch (error) {
      if (!(error instanceof ConsulError && error.status === 404)) throw error;
    }
    this.own.delete(instanceId);
  }

  async getInstances(serviceName: string): Promise<ServiceInstance[]> {
    const body = await this.request(
      'GET',
      `/v1/health/service/${encodeURIComponent(serviceName)}?passing=true`,
    );
    let entries: unknown;
    try {
      entries = JSON.parse(body);
    } catch {
      throw new Error(`Consul health/service answered with something other than JSON: ${body.slice(0, 200)}`);
    }
    if (!Array.isArray(entries))
      throw new Error('Consul health/service answered with something other than a list');
    const instances = (entries as ConsulHealthEntry[]).flatMap((entry) => {
      const instance = toInstance(serviceName, entry);
      return instance ? [instance] : [];
    });
    return instances.sort((a, b) => compareIds(a.instanceId, b.instanceId));
  }

  async close(): Promise<void> {
    this.closed = true;
    const failures: unknown[] = [];
    for (const instanceId of [...this.own]) {
      try {
        await this.deregister(instanceId);
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) {
      throw new AggregateError(
        failures,
        `Failed to deregister ${failures.length} instance(s) from Consul on close`,
      );
    }
  }

  /** The agent register body; exposed for the contract tests. */
  registrationBody(instance: ServiceInstance): Record<string, unknown> {
    if (!instance.instanceId) throw new Error('ServiceInstance.instanceId is required');
    const homepageUrl = normalizeHomepageUrl(instance.homepageUrl);
    const parsed = new URL(homepageUrl);
    const port = parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
    return {
      ID: instance.instanceId,
      Name: instance.serviceName,
      Address: parsed.hostname.replace(/^\[|\]$/g, ''),
      Port: port,
      Tags: [TAG],
      Meta: {
        [HOMEPAGE_KEY]: homepageUrl,
        [CLUSTER_KEY]: instance.cluster ?? DEFAULT_CLUSTER,
        ...omitReserved(instance.metadata ?? {}),
      },
      Check: {
        HTTP: joinUrl(homepageUrl, this.healthPath),
        Interval: this.checkInterval,
        Timeout: this.checkTimeout,
        DeregisterCriticalServiceAfter: this.deregisterCriticalAfter,
        // Consul starts checks critical; register runs once the server listens, so list it right away
        // instead of hiding it from clients until the first check, up to one interval later.
        Status: 'passing',
      },
    };
  }

  private async request(method: string, path: string, body?: unknown): Promise<string> {
    const headers: Record<string, string> = {};
    if (this.token) headers['X-Consul-Token'] = this.token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetchImpl(joinUrl(this.url, path), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
    } catch (cause) {
      throw new Error(
        `Consul ${method} ${path} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
        {
          cause,
        },
      );
    }
    const text = await response.text();
    if (!response.ok) throw new ConsulError(method, path, response.status, text);
    return text;
  }
}

/** Houston's own Meta keys win: an instance must not be able to point clients elsewhere. */
function omitReserved(metadata: Record<string, string>): Record<string, string> {
  const { [HOMEPAGE_KEY]: _homepage, [CLUSTER_KEY]: _cluster, ...rest } = metadata;
  return rest;
}

function toInstance(serviceName: string, entry: ConsulHealthEntry): ServiceInstance | null {
  const service = entry.Service;
  if (!service?.ID) return null;
  const meta = service.Meta ?? {};
  // An empty service address means "the node's address" in Consul.
  const address = service.Address || entry.Node?.Address;
  let homepageUrl: string;
  try {
    if (meta[HOMEPAGE_KEY]) {
      homepageUrl = normalizeHomepageUrl(meta[HOMEPAGE_KEY]);
    } else if (address && service.Port) {
      homepageUrl = `http://${hostForUrl(address)}:${service.Port}/`;
    } else {
      return null;
    }
  } catch {
    // One badly registered instance must not hide the healthy ones.
    return null;
  }
  const { [HOMEPAGE_KEY]: _homepage, [CLUSTER_KEY]: cluster, ...metadata } = meta;
  return {
    serviceName: service.Service ?? serviceName,
    instanceId: service.ID,
    homepageUrl,
    cluster: cluster || DEFAULT_CLUSTER,
    metadata,
  };
}
