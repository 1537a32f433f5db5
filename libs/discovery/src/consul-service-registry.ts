import { types } from 'node:util';
import Consul from 'consul';
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
  /** Timeout of one request to Consul (blocking queries get their `wait` on top). */
  requestTimeoutMs?: number;
  /**
   * Keep the instance lists by blocking queries (see `getInstances`) instead of one read per
   * call: what the meta-server does.
   */
  watch?: ConsulWatchOptions;
}

export interface ConsulWatchOptions {
  /** How long Consul may hold one blocking query before answering unchanged (`wait`). */
  waitMs?: number;
  /** Retry delays after a failed query: `2^attempt × backoffFactorMs`, at most `backoffMaxMs`. */
  backoffFactorMs?: number;
  backoffMaxMs?: number;
  /** Told of every failed query; the last list read is still served. */
  onError?: (serviceName: string, error: unknown) => void;
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

export interface ConsulHealthEntry {
  Node?: { Address?: string };
  Service?: {
    ID?: string;
    Service?: string;
    Address?: string;
    Port?: number;
    Tags?: string[];
    Meta?: Record<string, string> | null;
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

/** What the `consul` package throws for a non-2xx answer (papi's ResponseError). */
interface ConsulPackageError extends Error {
  response?: { statusCode?: number; body?: unknown };
}

/** The package's client with the options its typings leave out (papi's base URL and timeout). */
type ConsulClient = InstanceType<typeof Consul>;
const ConsulClientClass = Consul as unknown as new (options: {
  baseUrl: string;
  timeout: number;
  defaults?: { token?: string };
}) => ConsulClient;

/** The running blocking-query watch of one service name and what it has read so far. */
interface WatchedService {
  watch: ReturnType<ConsulClient['watch']>;
  list?: ServiceInstance[];
  lastError?: unknown;
  /** The package ends a watch for good on a 400 answer; the next lookup starts another. */
  ended?: boolean;
  waiting: Array<{ resolve(list: ServiceInstance[]): void; reject(error: unknown): void }>;
}

/**
 * Discovery through a Consul agent, with the `consul` package: instances register with an HTTP
 * health check that Consul runs, so no heartbeat timers live in this process.
 */
export class ConsulServiceRegistry implements ServiceRegistry {
  readonly kind = 'consul' as const;
  private readonly consul: ConsulClient;
  private readonly checkInterval: string;
  private readonly checkTimeout: string;
  private readonly deregisterCriticalAfter: string;
  private readonly healthPath: string;
  private readonly watchOptions: ConsulWatchOptions | undefined;
  private readonly watched = new Map<string, WatchedService>();
  private readonly own = new Set<string>();
  private closed = false;

  constructor(options: ConsulServiceRegistryOptions) {
    if (!options.url) throw new Error('ConsulServiceRegistry needs the Consul agent URL');
    const agent = new URL(options.url);
    if (agent.protocol !== 'http:' && agent.protocol !== 'https:') {
      throw new Error(`The Consul agent URL must be http(s)://host:port, got ${options.url}`);
    }
    const token = options.token || undefined;
    this.consul = new ConsulClientClass({
      // The package wants the API root; Houston is configured with the agent's address.
      baseUrl: joinUrl(options.url, '/v1'),
      timeout: options.requestTimeoutMs ?? 5_000,
      defaults: token ? { token } : undefined,
    });
    const intervalMs = options.checkIntervalMs ?? 10_000;
    this.checkInterval = toGoDuration(intervalMs);
    this.checkTimeout = toGoDuration(options.checkTimeoutMs ?? Math.min(intervalMs, 5_000));
    this.deregisterCriticalAfter = toGoDuration(options.deregisterCriticalAfterMs ?? 60_000);
    this.healthPath = options.healthPath ?? '/health';
    this.watchOptions = options.watch;
  }

  async register(instance: ServiceInstance): Promise<void> {
    if (this.closed) throw new Error('ConsulServiceRegistry is closed');
    const body = this.registrationBody(instance);
    await this.call('PUT', '/v1/agent/service/register', () =>
      this.consul.agent.service.register(body as never),
    );
    this.own.add(instance.instanceId);
  }

  /** Unknown ids count as done: Consul may already have reaped a critical instance. */
  async deregister(instanceId: string): Promise<void> {
    try {
      await this.call('PUT', `/v1/agent/service/deregister/${encodeURIComponent(instanceId)}`, () =>
        this.consul.agent.service.deregister(instanceId),
      );
    } catch (error) {
      if (!(error instanceof ConsulError && error.status === 404)) throw error;
    }
    this.own.delete(instanceId);
  }

  /**
   * The passing instances, sorted by id. Without `watch`, one read of Consul's health endpoint.
   * With it, the first call for a name starts a blocking-query watch and waits for its first
   * answer; later calls answer the list it keeps, which Consul updates as soon as it changes. A
   * failed query is retried with backoff while the last list read is still answered: a Consul
   * outage does not empty the meta-server. With nothing read yet, the failure is the answer.
   */
  getInstances(serviceName: string): Promise<ServiceInstance[]> {
    if (!this.watchOptions) return this.readInstances(serviceName);
    if (this.closed) return Promise.reject(new Error('ConsulServiceRegistry is closed'));
    let watched = this.watched.get(serviceName);
    if (!watched || watched.ended) {
      const previous = watched;
      watched = this.startWatch(serviceName, this.watchOptions);
      watched.list = previous?.list;
      watched.lastError = previous?.lastError;
      this.watched.set(serviceName, watched);
    }
    if (watched.list) return Promise.resolve(watched.list);
    if (watched.lastError !== undefined) return Promise.reject(watched.lastError);
    const waiting = watched.waiting;
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const watched of this.watched.values()) {
      watched.watch.end();
      for (const waiter of watched.waiting.splice(0))
        waiter.reject(new Error('ConsulServiceRegistry is closed'));
    }
    this.watched.clear();
    const failures: unknown[] = [];
    for (const instanceId of [...this.own]) {
      try {
        await this.deregister(instanceId);
      } catch (error) {
        failures.push(error);
      }
    }
    this.consul.destroy();
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

  private async readInstances(serviceName: string): Promise<ServiceInstance[]> {
    const entries = await this.call('GET', healthPath(serviceName), () =>
      this.consul.health.service({ service: serviceName, passing: true }),
    );
    return toInstances(serviceName, entries);
  }

  /**
   * A blocking-query watch as Consul documents it (the package's `Watch`): each query carries the
   * last `X-Consul-Index` and `wait`, so Consul answers as soon as the list changes or when the
   * wait is over; an index that goes backwards (a restored or re-elected server) starts over
   * from 0; failures back off exponentially up to `backoffMaxMs`.
   */
  private startWatch(serviceName: string, options: ConsulWatchOptions): WatchedService {
    const watch = this.consul.watch({
      method: this.consul.health.service,
      options: {
        service: serviceName,
        passing: 'true',
        wait: toGoDuration(options.waitMs ?? 30_000),
      },
      backoffFactor: options.backoffFactorMs ?? 100,
      backoffMax: options.backoffMaxMs ?? 30_000,
    });
    const watched: WatchedService = { watch, waiting: [] };
    watch.on('change', (entries: unknown) => {
      let list: ServiceInstance[];
      try {
        list = toInstances(serviceName, entries);
      } catch (error) {
        fail(error);
        return;
      }
      watched.list = list;
      watched.lastError = undefined;
      for (const waiter of watched.waiting.splice(0)) waiter.resolve(list);
    });
    const fail = (error: unknown) => {
      const described = describeFailure('GET', healthPath(serviceName), error);
      watched.lastError = described;
      options.onError?.(serviceName, described);
      for (const waiter of watched.waiting.splice(0)) waiter.reject(described);
    };
    watch.on('error', fail);
    watch.on('end', () => {
      watched.ended = true;
    });
    return watched;
  }

  private async call<T>(method: string, path: string, request: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await request();
    } catch (error) {
      throw describeFailure(method, path, error);
    }
    // papi tells a failure from an answer with `instanceof Error`, which a socket error made in
    // another realm (Node's core under a VM context, as test runners use) fails: it then resolves
    // with the error.
    if (types.isNativeError(result)) throw describeFailure(method, path, result);
    return result;
  }
}

function healthPath(serviceName: string): string {
  return `/v1/health/service/${encodeURIComponent(serviceName)}?passing=true`;
}

/** A ConsulError for Consul's own refusals; any other failure (unreachable, timeout) names the request. */
function describeFailure(method: string, path: string, error: unknown): Error {
  const response = (error as ConsulPackageError | null)?.response;
  if (response?.statusCode !== undefined) {
    const body = response.body;
    const text =
      typeof body === 'string'
        ? body
        : Buffer.isBuffer(body)
          ? body.toString('utf8')
          : JSON.stringify(body ?? '');
    return new ConsulError(method, path, response.statusCode, text);
  }
  const message = error instanceof Error ? error.message.replace(/^consul: [\w.]+: /, '') : String(error);
  return new Error(`Consul ${method} ${path} failed: ${message}`, { cause: error });
}

/** Consul's health/service answer as instances, sorted by id; entries Houston cannot use are left out. */
export function toInstances(serviceName: string, entries: unknown): ServiceInstance[] {
  if (!Array.isArray(entries))
    throw new Error('Consul health/service answered with something other than a list');
  const instances = (entries as ConsulHealthEntry[]).flatMap((entry) => {
    const instance = toInstance(serviceName, entry);
    return instance ? [instance] : [];
  });
  return instances.sort((a, b) => compareIds(a.instanceId, b.instanceId));
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
