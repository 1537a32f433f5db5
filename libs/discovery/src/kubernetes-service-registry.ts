import { normalizeHomepageUrl } from './homepage-url';
import type { ServiceInstance, ServiceRegistry } from './service-registry';

export interface KubernetesServiceRegistryOptions {
  /**
   * The URL of the Kubernetes Service in front of each Houston service, by registry name
   * (`SERVICE_NAMES`), e.g. `{ 'houston-configservice': 'http://houston-config:8080' }`.
   */
  serviceUrls: Readonly<Partial<Record<string, string>>>;
}

/**
 * Discovery left to Kubernetes: a Service already knows which pods are ready and spreads
 * connections over them, so the meta-server answers with one entry per service, the Service URL,
 * as Apollo's `kubernetes` profile does (instanceId = homepageUrl = the URL). Pods register
 * nothing; readiness probes decide who gets traffic.
 */
export class KubernetesServiceRegistry implements ServiceRegistry {
  readonly kind = 'kubernetes' as const;
  private readonly instances: ReadonlyMap<string, ServiceInstance>;

  constructor(options: KubernetesServiceRegistryOptions) {
    const instances = new Map<string, ServiceInstance>();
    for (const [serviceName, url] of Object.entries(options.serviceUrls)) {
      if (url === undefined) continue;
      // Validated here so a bad URL stops the process at start-up, not at the first lookup.
      const homepageUrl = normalizeHomepageUrl(url);
      instances.set(serviceName, { serviceName, instanceId: homepageUrl, homepageUrl });
    }
    this.instances = instances;
  }

  /** Nothing to do: the Service's endpoints follow the pods' readiness. */
  async register(_instance: ServiceInstance): Promise<void> {}

  async deregister(_instanceId: string): Promise<void> {}

  async getInstances(serviceName: string): Promise<ServiceInstance[]> {
    const instance = this.instances.get(serviceName);
    return instance ? [{ ...instance }] : [];
  }

  async close(): Promise<void> {}
}
