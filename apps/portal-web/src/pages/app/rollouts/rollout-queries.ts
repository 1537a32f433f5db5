import { useQuery } from '@tanstack/react-query';
import { api, seg } from '../../../api/client';
import type { Rollout } from '../../../api/types';
import { namespaceKey, type NamespaceContext } from '../namespace-context';

export const rolloutsKey = (ns: NamespaceContext) => namespaceKey(ns, 'rollouts');

export const isActive = (rollout: Pick<Rollout, 'status'>) =>
  rollout.status === 'running' || rollout.status === 'paused';

/** While a rollout moves (the admin-service's ticker steps it), its state is read again every 5 s. */
const WHILE_ACTIVE_MS = 5000;

export function useRollouts(ns: NamespaceContext) {
  return useQuery({
    queryKey: rolloutsKey(ns),
    queryFn: () => api<Rollout[]>(`${ns.path}/rollouts`),
    refetchInterval: (query) => (query.state.data?.some(isActive) ? WHILE_ACTIVE_MS : false),
  });
}

export function useRollout(ns: NamespaceContext, id: number | undefined) {
  return useQuery({
    queryKey: [...rolloutsKey(ns), id],
    queryFn: () => api<Rollout>(`${ns.path}/rollouts/${seg(String(id))}`),
    enabled: id !== undefined,
    refetchInterval: (query) => (query.state.data && isActive(query.state.data) ? WHILE_ACTIVE_MS : false),
  });
}
