/** One running instance of a Houston service, as the meta-server hands it to Apollo clients. */
export interface ServiceInstance {
  serviceName: string;
  instanceId: string;
  /** Base URL with a trailing slash, e.g. `http://10.0.0.5:8080/`. */
  homepageUrl: string;
  cluster?: string;
  metadata?: Record<string, string>;
}

/** Where services announce themselves and the meta-server looks them up. */
export interface ServiceRegistry {
  readonly kind: 'embedded' | 'consul' | 'kubernetes';
  register(instance: ServiceInstance): Promise<void>;
  deregister(instanceId: string): Promise<void>;
  /** Live instances only, sorted by instanceId. */
  getInstances(serviceName: string): Promise<ServiceInstance[]>;
  /** Deregisters everything this process registered and stops its timers. */
  close(): Promise<void>;
}
