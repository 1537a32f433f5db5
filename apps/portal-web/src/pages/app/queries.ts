import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  Release,
  ReleaseDryRun,
  ReleaseHistory,
  Page,
  UnreleasedChanges,
  Commit,
} from '../../api/types';
import { namespaceKey, type NamespaceContext } from './namespace-context';

export function useUnreleased(ns: NamespaceContext) {
  return useQuery({
    queryKey: namespaceKey(ns, 'unreleased'),
    queryFn: () => api<UnreleasedChanges>(`${ns.path}/unreleased-changes`),
    retry: false,
  });
}

/**
 * The checks a release now must pass (syntax, schema, validation webhooks), by the dry run: it
 * publishes nothing, and needs release permission, as the release dialog does.
 */
export function useReleaseChecks(ns: NamespaceContext) {
  return useQuery({
    queryKey: namespaceKey(ns, 'release-checks'),
    queryFn: () => api<ReleaseDryRun>(`${ns.path}/releases/dry-run`, { method: 'POST' }),
    retry: false,
  });
}

export function useReleases(ns: NamespaceContext, enabled = true) {
  return useQuery({
    queryKey: namespaceKey(ns, 'releases'),
    queryFn: () => api<Release[]>(`${ns.path}/releases`, { query: { size: 100 } }),
    enabled,
  });
}

export function useHistories(ns: NamespaceContext, enabled = true) {
  return useQuery({
    queryKey: namespaceKey(ns, 'histories'),
    queryFn: () => api<Page<ReleaseHistory>>(`${ns.path}/releases/histories`, { query: { size: 100 } }),
    enabled,
  });
}

export function useCommits(ns: NamespaceContext, enabled = true) {
  return useQuery({
    queryKey: namespaceKey(ns, 'commits'),
    queryFn: () => api<Commit[]>(`${ns.path}/commits`, { query: { size: 100 } }),
    enabled,
  });
}
