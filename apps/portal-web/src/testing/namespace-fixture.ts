// The namespace most component tests work on: `application` of app `shop` in DEV's default
// cluster, a properties namespace with no items, for someone who may edit and release it.
import type { Namespace } from '../api/types';
import { namespaceContext, type NamespaceContext } from '../pages/app/namespace-context';

export function applicationNamespace(overrides: Partial<Namespace> = {}): NamespaceContext {
  return namespaceContext(
    'DEV',
    'shop',
    'default',
    {
      appId: 'shop',
      clusterName: 'default',
      namespaceName: 'application',
      comment: '',
      format: 'properties',
      isPublic: false,
      items: [],
      configText: '',
      revision: 0,
      ...overrides,
    },
    true,
    true,
  );
}
