import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken, whenSignedOut } from './api/client';
import type { Session, User } from './api/types';

interface SessionState {
  /** `null`: signed out; `undefined`: not known yet. */
  user: User | null | undefined;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | undefined>(undefined);
const SESSION_KEY = ['session'];

/** Drops everything fetched for the previous person, keeping the session query itself observed. */
function forgetOthers(queryClient: QueryClient, session: Session | null): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
  queryClient.setQueryData(SESSION_KEY, session);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const session = useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      try {
        return await api<Session>('/api/session');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
  useEffect(() => setCsrfToken(session.data?.csrfToken), [session.data]);
  useEffect(() => {
    whenSignedOut(() => {
      setCsrfToken(undefined);
      forgetOthers(queryClient, null);
    });
    return () => whenSignedOut(undefined);
  }, [queryClient]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const next = await api<Session>('/api/login', { method: 'POST', body: { username, password } });
      setCsrfToken(next.csrfToken);
      forgetOthers(queryClient, next);
    },
    [queryClient],
  );
  const signOut = useCallback(async () => {
    try {
      await api('/api/logout', { method: 'POST' });
    } finally {
      setCsrfToken(undefined);
      forgetOthers(queryClient, null);
    }
  }, [queryClient]);

  const value = useMemo<SessionState>(
    () => ({ user: session.isPending ? undefined : (session.data?.user ?? null), signIn, signOut }),
    [session.isPending, session.data, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}

/** The signed-in user (pages behind the sign-in only). */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('not signed in');
  return user;
}
