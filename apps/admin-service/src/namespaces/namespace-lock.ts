import { DomainError } from '@houston/domain';
import { isUniqueViolation, type RepositoryPorts } from '@houston/persistence';
import type { LocatedNamespace } from './namespace-locator';

function lockedBy(located: LocatedNamespace, holder: string): DomainError {
  const ns = located.namespace;
  return new DomainError(
    'LOCKED',
    `namespace ${ns.namespaceName} is being modified by ${holder}; ask them to release or revoke it`,
    {
      namespace: ns.namespaceName,
      cluster: ns.clusterName,
      lockedBy: holder,
    },
  );
}

/**
 * Apollo's namespace lock: the first edit takes it, later edits by the holder keep it, anybody
 * else is refused until a release or a revoke frees it. Runs inside the edit's transaction, so a
 * refused edit writes nothing, and the unique key settles two editors arriving together.
 */
export async function takeNamespaceLock(
  repos: RepositoryPorts,
  located: LocatedNamespace,
  operator: string,
): Promise<void> {
  const namespaceId = located.namespace.id;
  const existing = await repos.namespaceLocks.find(namespaceId);
  if (existing) {
    if (existing.holder !== operator) throw lockedBy(located, existing.holder);
    return;
  }
  try {
    await repos.namespaceLocks.insert(namespaceId, operator);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await repos.namespaceLocks.find(namespaceId);
    throw lockedBy(located, winner?.holder ?? 'someone else');
  }
}
