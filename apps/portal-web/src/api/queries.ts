import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { api } from './client';
import type { Environment } from './types';

export function useEnvironments() {
  return useQuery({ queryKey: ['envs'], queryFn: () => api<Environment[]>('/api/envs'), staleTime: 30_000 });
}

const ENV_KEY = 'houston.env';

/**
 * The environment the page shows: `?env=` in the address (so a link names it), else the one
 * chosen last in this browser, else the first the portal manages.
 */
export function useCurrentEnv(): [string | undefined, (env: string) => void] {
  const [params, setParams] = useSearchParams();
  const envs = useEnvironments();
  const names = envs.data?.map((env) => env.env) ?? [];
  const asked = params.get('env') ?? globalThis.localStorage?.getItem(ENV_KEY) ?? undefined;
  const env = asked && names.includes(asked) ? asked : names[0];
  const choose = (next: string) => {
    globalThis.localStorage?.setItem(ENV_KEY, next);
    setParams(
      (current) => {
        const copy = new URLSearchParams(current);
        copy.set('env', next);
        return copy;
      },
      { replace: true },
    );
  };
  return [env, choose];
}
