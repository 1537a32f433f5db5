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
