import { type AdminCalls, namespacePath, refusal, segments } from './admin-calls';
import { adminItemBody } from './open-api-mapping';

export interface NamespaceAt {
  env: string;
  appId: string;
  clusterName: string;
  namespaceName: string;
}

/**
 * Creates an item, as Apollo does. One difference needs care: a Houston gray branch starts as a
 * copy of the main release's items, where Apollo's branch starts empty and inherits them. So in
 * Apollo, creating a key the branch only inherits is allowed (it becomes the branch's own value);
 * here that key already exists in the branch. When it still holds exactly the inherited value, the
 * create is that override: the item is updated instead, guarded by its version.
 */
export async function createItem(
  calls: AdminCalls,
  at: NamespaceAt,
  item: unknown,
  operator: string,
): Promise<unknown> {
  const items = `${namespacePath(at.appId, at.clusterName, at.namespaceName)}/items`;
  const body = adminItemBody(item, true);
  const answer = await calls.answer(at.env, { method: 'POST', path: items, body, operator });
  if (answer.status >= 200 && answer.status < 300) return answer.body;
  const key = body['key'] as string;
  if ((answer.body as { code?: string } | undefined)?.code === 'ALREADY_EXISTS') {
    const inherited = await inheritedValue(calls, at, key);
    if (inherited !== undefined) {
      const current = (await calls.get(at.env, `${items}/${encodeURIComponent(key)}`)) as {
        value?: string;
        version?: number;
      };
      if (current.value === inherited) {
        return calls.call(at.env, {
          method: 'PUT',
          path: `${items}/${encodeURIComponent(key)}`,
          body: { ...adminItemBody(item, false), version: current.version },
          operator,
        });
      }
    }
  }
  throw refusal(answer);
}

/** The value a branch inherits for `key` from its main release, or undefined when not a branch. */
async function inheritedValue(calls: AdminCalls, at: NamespaceAt, key: string): Promise<string | undefined> {
  const cluster = (await calls.get(at.env, segments('apps', at.appId, 'clusters', at.clusterName))) as {
    parentClusterId?: number;
  };
  if (!cluster.parentClusterId) return undefined;
  const clusters = (await calls.get(at.env, segments('apps', at.appId, 'clusters'))) as Array<{
    id?: number;
    name: string;
  }>;
  const main = clusters.find((candidate) => candidate.id === cluster.parentClusterId);
  if (!main) return undefined;
  const branch = (await calls.get(
    at.env,
    `${namespacePath(at.appId, main.name, at.namespaceName)}/branches`,
  )) as { branchName?: string; baseReleaseId?: number };
  if (branch.branchName !== at.clusterName || !branch.baseReleaseId) return undefined;
  const base = (await calls.get(at.env, segments('releases', String(branch.baseReleaseId)))) as {
    configurations?: Record<string, string>;
  };
  return base.configurations?.[key];
}
