import { DomainError } from '@houston/domain';
import { type EnvironmentGateway } from '../environments/environment-gateway';

export interface NamespaceAddress {
  env: string;
  appId: string;
  cluster: string;
  namespace: string;
}

/** What an admin-service says about one namespace (its NamespaceDto). */
export interface NamespaceSnapshot {
  format: string;
  /** Secret items come masked (`secret: true`); so does their line in `configText`. */
  items: Array<{ key: string; value: string; secret?: boolean; comment?: string; lineNum?: number }>;
  configText: string;
  revision: number;
}

export type NamespaceRead =
  | { status: 'ok'; namespace: NamespaceSnapshot }
  | { status: 'not-found' | 'unreachable' | 'failed'; reason: string };

export function namespacePath(address: Omit<NamespaceAddress, 'env'>): string {
  const e = encodeURIComponent;
  return `/apps/${e(address.appId)}/clusters/${e(address.cluster)}/namespaces/${e(address.namespace)}`;
}

/**
 * Reads a namespace from its environment, turning "cannot" into a status instead of an error, so
 * that one unreachable environment or missing cluster does not fail a page about several.
 */
export async function readNamespace(
  gateway: EnvironmentGateway,
  address: NamespaceAddress,
): Promise<NamespaceRead> {
  try {
    const answer = await gateway.call(address.env, { method: 'GET', path: namespacePath(address) });
    if (answer.status === 200) return { status: 'ok', namespace: answer.body as NamespaceSnapshot };
    const message = (answer.body as { message?: string } | undefined)?.message ?? `HTTP ${answer.status}`;
    return { status: answer.status === 404 ? 'not-found' : 'failed', reason: message };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'UNAVAILABLE') {
      return { status: 'unreachable', reason: error.message };
    }
    throw error;
  }
}
