import { DomainError } from '@houston/domain';
import { Inject, Injectable } from '@nestjs/common';
import { TargetAccess } from '../compare/target-access';
import { EnvironmentGateway } from '../environments/environment-gateway';
import type { SignedInUser } from '../sessions/session.service';

/** Rows asked of each environment's admin-service. */
export const SEARCH_LIMIT_PER_ENV = 100;
/** The longest one environment is waited for, whatever its number of admin-services. */
export const SEARCH_DEADLINE_MS = 5_000;

export interface SearchCriteria {
  key?: string;
  value?: string;
}

export interface SearchHit {
  env: string;
  appId: string;
  clusterName: string;
  namespaceName: string;
  key: string;
  /** Absent where the person may not see the app's values in that environment. */
  value?: string;
  valueHidden: boolean;
  secret: boolean;
}

export interface EnvSearch {
  env: string;
  status: 'ok' | 'unreachable' | 'failed';
  /** More keys match there than were read: narrow the search. */
  truncated: boolean;
  reason?: string;
}

export interface SearchAnswer {
  items: SearchHit[];
  envs: EnvSearch[];
}

interface AdminHit {
  appId: string;
  clusterName: string;
  namespaceName: string;
  key: string;
  value: string;
  secret: boolean;
}

/**
 * Apollo 2.4's global search: keys (by prefix) and values (by substring) across every app of every
 * environment, asked of the environments at once, each bounded in rows and time; one that does
 * not answer is named, the others still answer. Values the person may not see (a member-only
 * environment, not a member of the app) are never returned: with a value in the search, such a
 * namespace is left out altogether (its presence would tell that it holds the text); with a key
 * only, the key is shown without its value. Secret values are masked by the admin-service and
 * never matched.
 */
@Injectable()
export class SearchItems {
  constructor(
    @Inject(EnvironmentGateway) private readonly gateway: EnvironmentGateway,
    @Inject(TargetAccess) private readonly access: TargetAccess,
  ) {}

  async execute(signedIn: SignedInUser, criteria: SearchCriteria): Promise<SearchAnswer> {
    const actor = await this.access.actorOf(signedIn);
    const query = new URLSearchParams({ limit: String(SEARCH_LIMIT_PER_ENV) });
    if (criteria.key) query.set('key', criteria.key);
    if (criteria.value) query.set('value', criteria.value);
    const answers = await Promise.all(
      this.gateway.names().map(async (env) => ({ env, ...(await this.ask(env, query)) })),
    );
    const items: SearchHit[] = [];
    const envs: EnvSearch[] = [];
    for (const answer of answers) {
      envs.push({
        env: answer.env,
        status: answer.status,
        truncated: answer.truncated,
        reason: answer.reason,
      });
      for (const hit of answer.hits) {
        const hidden = this.access.valuesHidden(actor, hit.appId, answer.env);
        if (hidden && criteria.value) continue;
        items.push({
          env: answer.env,
          appId: hit.appId,
          clusterName: hit.clusterName,
          namespaceName: hit.namespaceName,
          key: hit.key,
          ...(hidden ? {} : { value: hit.value }),
          valueHidden: hidden,
          secret: hit.secret,
        });
      }
    }
    return { items, envs };
  }

  private async ask(
    env: string,
    query: URLSearchParams,
  ): Promise<{ status: EnvSearch['status']; hits: AdminHit[]; truncated: boolean; reason?: string }> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${SEARCH_DEADLINE_MS} ms`)),
        SEARCH_DEADLINE_MS,
      );
    });
    try {
      const answer = await Promise.race([
        this.gateway.call(env, { method: 'GET', path: `/search/items?${query}` }),
        deadline,
      ]);
      if (answer.status !== 200) {
        const message = (answer.body as { message?: unknown } | undefined)?.message;
        return {
          status: 'failed',
          hits: [],
          truncated: false,
          reason: typeof message === 'string' ? message : `HTTP ${answer.status}`,
        };
      }
      const body = answer.body as { items: AdminHit[]; truncated: boolean };
      return { status: 'ok', hits: body.items, truncated: body.truncated };
    } catch (error) {
      return { status: 'unreachable', hits: [], truncated: false, reason: reasonOf(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof DomainError && typeof error.details?.['reason'] === 'string')
    return error.details['reason'];
  return error instanceof Error ? error.message : String(error);
}
