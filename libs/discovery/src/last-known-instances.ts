import type { ServiceInstance, ServiceRegistry } from './service-registry';

export interface LastKnownInstancesOptions {
  /**
   * How long a lookup may take before the last known list is answered instead (the lookup goes
   * on and refreshes the list when it completes). Apollo clients give discovery about a second.
   */
  answerWithinMs: number;
  /** Told each time the last known list stood in for a lookup that failed or was slow. */
  onFallback?: (serviceName: string, reason: unknown) => void;
}

/**
 * The meta-server's view of a registry that can fail: while the registry's store (the database,
 * Consul) is down or silent, it answers the last list it read. Config-services keep serving
 * from their caches during such an outage, so a client starting then must still find them.
 * With nothing read yet, the failure is the answer.
 */
export class LastKnownInstances implements ServiceRegistry {
  private readonly lastKnown = new Map<string, ServiceInstance[]>();

  constructor(
    private readonly registry: ServiceRegistry,
    private readonly options: LastKnownInstancesOptions,
  ) {}

  get kind(): ServiceRegistry['kind'] {
    return this.registry.kind;
  }

  /** Whether any list was ever read: the meta-server can answer without its store. */
  knowsAny(): boolean {
    return this.lastKnown.size > 0;
  }

  getInstances(serviceName: string): Promise<ServiceInstance[]> {
    const lookup = this.registry.getInstances(serviceName).then((instances) => {
      this.lastKnown.set(serviceName, instances);
      return instances;
    });
    const known = this.lastKnown.get(serviceName);
    if (!known) return lookup;
    return new Promise((resolve) => {
      const fallBack = (reason: unknown) => {
        clearTimeout(timer);
        this.options.onFallback?.(serviceName, reason);
        resolve(this.lastKnown.get(serviceName) ?? known);
      };
      const timer = setTimeout(
        () => fallBack(new Error(`no answer within ${this.options.answerWithinMs} ms`)),
        this.options.answerWithinMs,
      );
      lookup.then((instances) => {
        clearTimeout(timer);
        resolve(instances);
      }, fallBack);
    });
  }

  register(instance: ServiceInstance): Promise<void> {
    return this.registry.register(instance);
  }

  deregister(instanceId: string): Promise<void> {
    return this.registry.deregister(instanceId);
  }

  close(): Promise<void> {
    return this.registry.close();
  }
}
