export { SERVICE_NAMES, type HoustonServiceName } from './service-names';
export type { ServiceInstance, ServiceRegistry } from './service-registry';
export type { RegistryRecord, RegistryStore } from './registry-store';
export { InMemoryRegistryStore, type InMemoryRegistryStoreOptions } from './in-memory-registry-store';
export { EmbeddedServiceRegistry, type EmbeddedServiceRegistryOptions } from './embedded-service-registry';
export {
  ConsulError,
  ConsulServiceRegistry,
  toGoDuration,
  toInstances,
  type ConsulServiceRegistryOptions,
  type ConsulWatchOptions,
} from './consul-service-registry';
export {
  KubernetesServiceRegistry,
  type KubernetesServiceRegistryOptions,
} from './kubernetes-service-registry';
export {
  MetaServerClient,
  type MetaServerClientOptions,
  type MetaServiceInstance,
} from './meta-server-client';
export { joinUrl, normalizeHomepageUrl } from './homepage-url';
export { LastKnownInstances, type LastKnownInstancesOptions } from './last-known-instances';
