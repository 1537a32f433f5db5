import type { Translate } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { ApiError } from './client';

const KNOWN: ReadonlySet<string> = new Set([
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'CONCURRENT_MODIFICATION',
  'TOO_MANY_REQUESTS',
  'UNAVAILABLE',
  'NETWORK',
  'VALIDATION_FAILED',
  'INVALID_DOCUMENT',
  'LOCKED',
  'ALREADY_EXISTS',
  'PAYLOAD_TOO_LARGE',
]);

/**
 * What a person reads when a call fails: the refusal in their language, with the API's own
 * words where they say which value is wrong (a line number, a key, a limit).
 */
export function describeError(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    const owned = ownedAppsOf(error);
    if (owned) return owned(t);
    const env = typeof error.details['env'] === 'string' ? error.details['env'] : '';
    const values = { message: error.message, status: error.status, env };
    if (KNOWN.has(error.code)) return t(`error.${error.code}` as MessageKey, values);
    if (error.status === 401) return t('error.UNAUTHORIZED');
    if (error.status === 403) return t('error.FORBIDDEN');
    if (error.status === 404) return t('error.NOT_FOUND');
    if (error.status === 409) return t('error.CONFLICT');
    return t('error.generic', values);
  }
  return t('error.generic', { status: '', message: error instanceof Error ? error.message : String(error) });
}

/**
 * A user who still owns apps or Open API consumers is not deleted (409 with `details.ownedApps`
 * and `details.ownedConsumers`, the first few ids of each, and their counts): say which, in the
 * reader's language, and where to hand them on first. A portal that names apps only (no consumer
 * fields) is read as owning no consumer.
 */
function ownedAppsOf(error: ApiError): ((t: Translate) => string) | undefined {
  if (error.status !== 409) return undefined;
  const apps = ownedList(error.details['ownedApps'], error.details['ownedAppCount']);
  const consumers = ownedList(error.details['ownedConsumers'], error.details['ownedConsumerCount']) ?? {
    named: [],
    count: 0,
  };
  if (!apps || (apps.count === 0 && consumers.count === 0)) return undefined;
  const username = typeof error.details['username'] === 'string' ? error.details['username'] : '';
  return (t) => {
    const list = ({ named, count }: { named: string[]; count: number }) =>
      count > named.length
        ? t('error.OWNS_APPS.more', { apps: named.join(', '), more: count - named.length })
        : named.join(', ');
    if (consumers.count === 0) {
      return t('error.OWNS_APPS', { username, count: apps.count, apps: list(apps) });
    }
    if (apps.count === 0) {
      return t('error.OWNS_CONSUMERS', { username, count: consumers.count, consumers: list(consumers) });
    }
    return t('error.OWNS_APPS_AND_CONSUMERS', {
      username,
      count: apps.count,
      apps: list(apps),
      consumerCount: consumers.count,
      consumers: list(consumers),
    });
  };
}

function ownedList(named: unknown, count: unknown): { named: string[]; count: number } | undefined {
  if (!Array.isArray(named) || typeof count !== 'number') return undefined;
  return { named: named.map(String), count };
}
