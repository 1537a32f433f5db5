import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, seg } from './api/client';

/** An app the signed-in person opened lately (`GET /api/me/recent-apps`, kept by the portal). */
export interface RecentApp {
  appId: string;
  visitedAt: string;
}

export const recentAppsKey = ['recent-apps'];

/**
 * Tells the portal the person opened this app once it is known to exist, so the home page lists
 * it first in any browser. A failure is not shown: the page works without it.
 */
export function useRememberApp(appId: string, found: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!found) return;
    api<RecentApp[]>(`/api/me/recent-apps/${seg(appId)}`, { method: 'PUT' })
      .then((recent) => queryClient.setQueryData(recentAppsKey, recent))
      .catch(() => undefined);
  }, [appId, found, queryClient]);
}
