import { DomainError } from '@houston/domain';

/** An app whose owner (`ownerName`) is a given user, in one environment. */
export interface OwnedApp {
  env: string;
  appId: string;
}

/** How many app ids (and consumer ids) a refusal names; the counts say how many there are in all. */
export const OWNED_APPS_NAMED = 10;

/** The first `OWNED_APPS_NAMED` of the ids, sorted, each once, and how many there are. */
function bounded(ids: readonly string[]): { named: string[]; count: number; text: string } {
  const all = [...new Set(ids)].sort();
  const named = all.slice(0, OWNED_APPS_NAMED);
  const more = all.length - named.length;
  return { named, count: all.length, text: named.join(', ') + (more > 0 ? ` and ${more} more` : '') };
}

/**
 * Why an account is not deleted while it still owns apps or Open API consumers: an owner is shown
 * on the app's page, in the app list, in the Open API and on the consumers page, and a name nobody
 * answers to helps no one. The refusal names the first `OWNED_APPS_NAMED` app ids (sorted, each
 * once whatever the environments) and consumer ids (their `appId`) with their counts, so the
 * console can say what to transfer first. Undefined when the user owns nothing.
 */
export function ownedAppsRefusal(
  username: string,
  owned: readonly OwnedApp[],
  ownedConsumers: readonly string[] = [],
): DomainError | undefined {
  const apps = bounded(owned.map((app) => app.appId));
  const consumers = bounded(ownedConsumers);
  if (apps.count === 0 && consumers.count === 0) return undefined;
  const what: string[] = [];
  const how: string[] = [];
  if (apps.count > 0) {
    what.push(`${apps.count === 1 ? 'the app' : `${apps.count} apps`}: ${apps.text}`);
    how.push('PUT /api/apps/{appId}/owner');
  }
  if (consumers.count > 0) {
    what.push(
      `${consumers.count === 1 ? 'the Open API consumer' : `${consumers.count} Open API consumers`}: ${consumers.text}`,
    );
    how.push('PUT /api/consumers/{id}/owner');
  }
  return new DomainError(
    'CONFLICT',
    `${username} still owns ${what.join('; ')}; ` +
      `transfer their ownership to someone else first (${how.join(', ')})`,
    {
      username,
      ownedApps: apps.named,
      ownedAppCount: apps.count,
      ownedConsumers: consumers.named,
      ownedConsumerCount: consumers.count,
    },
  );
}
