import { compareIds } from './compare-ids';
import { normalizeHomepageUrl } from './homepage-url';
import type { RegistryRecord, RegistryStore } from './registry-store';
import type { ServiceInstance, ServiceRegistry } from './service-registry';

export interface EmbeddedServiceRegistryOptions {
  store: RegistryStore;
  heartbeatIntervalMs: number;
  /** An instance whose last heartbeat is older than this is no longer listed. */
  expireAfterMs: number;
  /** Receives heartbeat failures; the next beat retries. Defaults to ignoring them. */
  onError?: (error: unknown) => void;
  now?: () => Date;
}

interface OwnRegistration {
  instance: ServiceInstance;
  timer: ReturnType<typeof setInterval>;
  /** The beat under way, so deregister can wait for it instead of racing it. */
  inFlight: Promise<void> | null;
}

const DEFAULT_CLUSTER = 'default';

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number of milliseconds`);
  return value;
}

/**
 * Discovery without extra infrastructure: each instance heartbeats a row into the shared database and
 * readers list the rows that beat recently enough.
 */
export class EmbeddedServiceRegistry implements ServiceRegistry {
  readonly kind = 'embedded' as const;
  private readonly store: RegistryStore;
  private readonly heartbeatIntervalMs: number;
  private readonly expireAfterMs: number;
  private readonly onError: (error: unknown) => void;
  private readonly now: () => Date;
  private readonly own = new Map<string, OwnRegistration>();
  private closed = false;

  constructor(options: EmbeddedServiceRegistryOptions) {
    this.store = options.store;
    this.heartbeatIntervalMs = positive('heartbeatIntervalMs', options.heartbeatIntervalMs);
    this.expireAfterMs = positive('expireAfterMs', options.expireAfterMs);
    this.onError = options.onError ?? (() => undefined);
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Writes the first heartbeat at once. A store failure, then or later, goes to onError and is retried
   * on the next beat rather than thrown, so a database outage at startup does not take the service down.
   */
  async register(instance: ServiceInstance): Promise<void> {
    if (this.closed) throw new Error('EmbeddedServiceRegistry is closed');
    const normalized = validate(instance);
    const previous = this.own.get(normalized.instanceId);
    if (previous) clearInterval(previous.timer);

    const timer = setInterval(() => void this.beat(normalized.instanceId), this.heartbeatIntervalMs);
    // A heartbeat alone must never keep the process alive.
    timer.unref();
    this.own.set(normalized.instanceId, { instance: normalized, timer, inFlight: null });
    await this.beat(normalized.instanceId);
  }

  async deregister(instanceId: string): Promise<void> {
    const registration = this.own.get(instanceId);
    if (registration) {
      clearInterval(registration.timer);
      this.own.delete(instanceId);
      // A beat finishing after the delete would bring the row back until it expires.
      await registration.inFlight;
    }
    await this.store.remove(instanceId);
  }

  async getInstances(serviceName: string): Promise<ServiceInstance[]> {
    const since = new Date(this.now().getTime() - this.expireAfterMs);
    const records = await this.store.listAlive(serviceName, since);
    return records
      .filter((record) => record.lastHeartbeatAt.getTime() >= since.getTime())
      .sort((a, b) => compareIds(a.instanceId, b.instanceId))
      .map(toInstance);
  }

  async close(): Promise<void> {
    this.closed = true;
    const failures: unknown[] = [];
    for (const instanceId of [...this.own.keys()]) {
      try {
        await this.deregister(instanceId);
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) {
      throw new AggregateError(failures, `Failed to deregister ${failures.length} instance(s) on close`);
    }
  }

  /** Ids this process currently keeps alive. */
  ownInstanceIds(): string[] {
    return [...this.own.keys()].sort(compareIds);
  }

  private async beat(instanceId: string): Promise<void> {
    const registration = this.own.get(instanceId);
    // Skip rather than pile up writes when the store is slower than the interval.
    if (!registration || registration.inFlight) return;
    const record = toRecord(registration.instance, this.now());
    const write = this.store.upsert(record).then(
      () => undefined,
      (error: unknown) => this.report(error),
    );
    registration.inFlight = write;
    try {
      await write;
    } finally {
      registration.inFlight = null;
    }
  }

  private report(error: unknown): void {
    try {
      this.onError(error);
    } catch {
      // A throwing error handler must not turn into an unhandled rejection inside a timer.
    }
  }
}

function validate(instance: ServiceInstance): ServiceInstance {
  if (!instance.serviceName) throw new Error('ServiceInstance.serviceName is required');
  if (!instance.instanceId) throw new Error('ServiceInstance.instanceId is required');
  return {
    ...instance,
    homepageUrl: normalizeHomepageUrl(instance.homepageUrl),
    metadata: { ...(instance.metadata ?? {}) },
  };
}

function toRecord(instance: ServiceInstance, at: Date): RegistryRecord {
  return {
    serviceName: instance.serviceName,
    instanceId: instance.instanceId,
    uri: instance.homepageUrl,
    cluster: instance.cluster ?? DEFAULT_CLUSTER,
    metadata: { ...(instance.metadata ?? {}) },
    lastHeartbeatAt: at,
  };
}

function toInstance(record: RegistryRecord): ServiceInstance {
  return {
    serviceName: record.serviceName,
    instanceId: record.instanceId,
    homepageUrl: record.uri,
    cluster: record.cluster,
    metadata: { ...record.metadata },
  };
}
