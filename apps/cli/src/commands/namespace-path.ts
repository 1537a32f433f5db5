import { pathOf } from '../admin/admin-api';
import type { NamespaceTarget } from './command';

/** `/apps/{app}/clusters/{cluster}/namespaces/{ns}` followed by `more`. */
export function namespacePath(
  { appId, cluster, namespace }: NamespaceTarget,
  ...more: Array<string | number>
) {
  return pathOf('apps', appId, 'clusters', cluster, 'namespaces', namespace, ...more);
}
