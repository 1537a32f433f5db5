import type { ServiceInstance, ServiceRegistry } from '../service-registry';

export interface RegistryContractSubject {
  registry: ServiceRegistry;
  /**
   * Makes the given instance stop counting as alive the way its backend would notice a dead
   * instance: the embedded registry lets its heartbeat age past expiry, Consul turns its check
   * critical. Without it the expiry case has nothing to exercise and passes vacuously.
   */
  expire?: (instanceId: string) => Promise<void>;
  cleanup: () => Promise<void>;
}

const CONFIG = 'houston-configservice';
const ADMIN = 'houston-adminservice';

function instance(instanceId: string, port: number, serviceName = CONFIG): ServiceInstance {
  return {
    serviceName,
    instanceId,
    homepageUrl: `http://127.0.0.1:${port}/`,
    metadata: { version: '0.1.0' },
  };
}

function listed(instanceId: string, port: number, serviceName = CONFIG): ServiceInstance {
  return { ...instance(instanceId, port, serviceName), cluster: 'default' };
}

/**
 * The behaviour every ServiceRegistry must share, so the meta-server answers the same whichever
 * backend is configured. Call it at the top level of a spec file.
 */
export function runRegistryContract(name: string, factory: () => Promise<RegistryContractSubject>): void {
  describe(`ServiceRegistry contract: ${name}`, () => {
    let subject: RegistryContractSubject;

    beforeEach(async () => {
      subject = await factory();
    });

    afterEach(async () => {
      await subject.cleanup();
    });

    it('lists an instance right after it registers', async () => {
      await subject.registry.register(instance('config-1', 8080));
      await expect(subject.registry.getInstances(CONFIG)).resolves.toEqual([listed('config-1', 8080)]);
    });

    it('gives homepage URLs exactly one trailing slash', async () => {
      await subject.registry.register({
        serviceName: CONFIG,
        instanceId: 'config-1',
        homepageUrl: 'http://127.0.0.1:8080',
      });
      const [only] = await subject.registry.getInstances(CONFIG);
      expect(only?.homepageUrl).toBe('http://127.0.0.1:8080/');
    });

    it('lists two instances sorted by instanceId', async () => {
      await subject.registry.register(instance('config-b', 8081));
      await subject.registry.register(instance('config-a', 8080));
      const instances = await subject.registry.getInstances(CONFIG);
      expect(instances.map((found) => found.instanceId)).toEqual(['config-a', 'config-b']);
    });

    it('replaces an instance registered again under the same id', async () => {
      await subject.registry.register(instance('config-1', 8080));
      await subject.registry.register(instance('config-1', 9090));
      await expect(subject.registry.getInstances(CONFIG)).resolves.toEqual([listed('config-1', 9090)]);
    });

    it('no longer lists a deregistered instance', async () => {
      await subject.registry.register(instance('config-1', 8080));
      await subject.registry.register(instance('config-2', 8081));
      await subject.registry.deregister('config-1');
      await expect(subject.registry.getInstances(CONFIG)).resolves.toEqual([listed('config-2', 8081)]);
    });

    it('accepts deregistering an id it does not know', async () => {
      await expect(subject.registry.deregister('never-registered')).resolves.toBeUndefined();
    });

    it('removes its own instances on close and refuses new ones after', async () => {
      await subject.registry.register(instance('config-1', 8080));
      await subject.registry.register(instance('admin-1', 8090, ADMIN));
      await subject.registry.close();
      await expect(subject.registry.getInstances(CONFIG)).resolves.toEqual([]);
      await expect(subject.registry.getInstances(ADMIN)).resolves.toEqual([]);
      await expect(subject.registry.register(instance('config-2', 8081))).rejects.toThrow(/closed/);
    });

    it('does not list instances of another service', async () => {
      await subject.registry.register(instance('config-1', 8080));
      await subject.registry.register(instance('admin-1', 8090, ADMIN));
      await expect(subject.registry.getInstances(ADMIN)).resolves.toEqual([listed('admin-1', 8090, ADMIN)]);
      await expect(subject.registry.getInstances('houston-unknown')).resolves.toEqual([]);
    });

    it('drops an instance that is no longer alive', async () => {
      if (!subject.expire) return;
      await subject.registry.register(instance('config-1', 8080));
      await subject.expire('config-1');
      await expect(subject.registry.getInstances(CONFIG)).resolves.toEqual([]);
    });

    it('keeps cluster and metadata', async () => {
      await subject.registry.register({
        serviceName: CONFIG,
        instanceId: 'config-1',
        homepageUrl: 'http://127.0.0.1:8080/',
        cluster: 'shanghai',
        metadata: { version: '0.1.0', zone: 'a' },
      });
      const [only] = await subject.registry.getInstances(CONFIG);
      expect(only).toMatchObject({ cluster: 'shanghai', metadata: { version: '0.1.0', zone: 'a' } });
    });
  });
}
