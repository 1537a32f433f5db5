import { LastKnownInstances } from './last-known-instances';
import type { ServiceInstance, ServiceRegistry } from './service-registry';

/** A registry whose store can be switched to failing or to never answering. */
class FlakyRegistry implements ServiceRegistry {
  readonly kind = 'embedded' as const;
  state: 'up' | 'down' | 'silent' = 'up';
  instances: ServiceInstance[] = [];
  async register(): Promise<void> {}
  async deregister(): Promise<void> {}
  async close(): Promise<void> {}
  getInstances(): Promise<ServiceInstance[]> {
    if (this.state === 'down') return Promise.reject(new Error('connect ECONNREFUSED'));
    if (this.state === 'silent') return new Promise(() => undefined);
    return Promise.resolve(this.instances);
  }
}

const instance = (id: string): ServiceInstance => ({
  serviceName: 'houston-config',
  instanceId: id,
  homepageUrl: `http://${id}:8080/`,
});

describe('LastKnownInstances', () => {
  function setUp() {
    const store = new FlakyRegistry();
    const fallbacks: string[] = [];
    const registry = new LastKnownInstances(store, {
      answerWithinMs: 20,
      onFallback: (name, reason) => fallbacks.push(`${name}: ${String(reason)}`),
    });
    return { store, registry, fallbacks };
  }

  it('answers what the registry answers while it is up', async () => {
    const { store, registry, fallbacks } = setUp();
    store.instances = [instance('a')];
    await expect(registry.getInstances('houston-config')).resolves.toEqual([instance('a')]);
    store.instances = [instance('a'), instance('b')];
    await expect(registry.getInstances('houston-config')).resolves.toEqual([instance('a'), instance('b')]);
    expect(fallbacks).toEqual([]);
  });

  it('answers the last list read while the registry fails', async () => {
    const { store, registry, fallbacks } = setUp();
    store.instances = [instance('a')];
    await registry.getInstances('houston-config');
    store.state = 'down';
    await expect(registry.getInstances('houston-config')).resolves.toEqual([instance('a')]);
    expect(fallbacks).toEqual(['houston-config: Error: connect ECONNREFUSED']);
  });

  it('answers the last list read when the registry does not answer in time', async () => {
    const { store, registry, fallbacks } = setUp();
    store.instances = [instance('a')];
    await registry.getInstances('houston-config');
    store.state = 'silent';
    await expect(registry.getInstances('houston-config')).resolves.toEqual([instance('a')]);
    expect(fallbacks).toEqual(['houston-config: Error: no answer within 20 ms']);
  });

  it('passes the failure on when it never read a list', async () => {
    const { store, registry } = setUp();
    store.state = 'down';
    await expect(registry.getInstances('houston-config')).rejects.toThrow('ECONNREFUSED');
    expect(registry.knowsAny()).toBe(false);
  });

  it('keeps lists per service name', async () => {
    const { store, registry } = setUp();
    store.instances = [instance('a')];
    await registry.getInstances('houston-config');
    store.state = 'down';
    await expect(registry.getInstances('houston-admin')).rejects.toThrow('ECONNREFUSED');
  });
});
