import { KubernetesServiceRegistry } from './kubernetes-service-registry';
import { SERVICE_NAMES } from './service-names';

const serviceUrls = {
  [SERVICE_NAMES.config]: 'http://houston-config.houston.svc.cluster.local:8080',
  [SERVICE_NAMES.admin]: 'https://houston-admin.houston.svc:8443/',
};

describe('KubernetesServiceRegistry', () => {
  it('answers each service with its Service URL, one trailing slash, as instanceId and homepageUrl', async () => {
    const registry = new KubernetesServiceRegistry({ serviceUrls });
    expect(registry.kind).toBe('kubernetes');
    expect(await registry.getInstances(SERVICE_NAMES.config)).toEqual([
      {
        serviceName: SERVICE_NAMES.config,
        instanceId: 'http://houston-config.houston.svc.cluster.local:8080/',
        homepageUrl: 'http://houston-config.houston.svc.cluster.local:8080/',
      },
    ]);
    expect(await registry.getInstances(SERVICE_NAMES.admin)).toEqual([
      {
        serviceName: SERVICE_NAMES.admin,
        instanceId: 'https://houston-admin.houston.svc:8443/',
        homepageUrl: 'https://houston-admin.houston.svc:8443/',
      },
    ]);
  });

  it('lists nothing for a service without a URL', async () => {
    const registry = new KubernetesServiceRegistry({ serviceUrls });
    expect(await registry.getInstances(SERVICE_NAMES.meta)).toEqual([]);
    expect(await registry.getInstances('someone-else')).toEqual([]);
  });

  it('ignores pods registering and leaving: the Service, not the pod, is what clients get', async () => {
    const registry = new KubernetesServiceRegistry({ serviceUrls });
    await registry.register({
      serviceName: SERVICE_NAMES.config,
      instanceId: 'pod-a',
      homepageUrl: 'http://10.1.2.3:8080/',
    });
    const listed = await registry.getInstances(SERVICE_NAMES.config);
    expect(listed.map((instance) => instance.homepageUrl)).toEqual([
      'http://houston-config.houston.svc.cluster.local:8080/',
    ]);
    await registry.deregister('http://houston-config.houston.svc.cluster.local:8080/');
    await registry.close();
    expect(await registry.getInstances(SERVICE_NAMES.config)).toEqual(listed);
  });

  it('hands out copies, so a caller cannot change what the next caller gets', async () => {
    const registry = new KubernetesServiceRegistry({ serviceUrls });
    const [first] = await registry.getInstances(SERVICE_NAMES.config);
    first!.homepageUrl = 'http://elsewhere/';
    const [second] = await registry.getInstances(SERVICE_NAMES.config);
    expect(second!.homepageUrl).toBe('http://houston-config.houston.svc.cluster.local:8080/');
  });

  it('refuses a URL Apollo clients could not use, when it is built rather than at the first lookup', () => {
    expect(
      () => new KubernetesServiceRegistry({ serviceUrls: { [SERVICE_NAMES.config]: 'houston-config:8080' } }),
    ).toThrow(/houston-config:8080/);
    expect(
      () =>
        new KubernetesServiceRegistry({ serviceUrls: { [SERVICE_NAMES.config]: 'ftp://houston-config/' } }),
    ).toThrow(/only http and https/);
  });
});
