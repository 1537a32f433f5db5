import { DomainError } from '../errors/domain-error';
import { stripPropertiesSuffix } from '../formats/namespace-format';

export interface ClientNotification {
  namespaceName: string;
  notificationId: number;
}

/** What a client sends for a namespace it has never been notified about. */
const NO_NOTIFICATION_YET = -1;

function badRequest(reason: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('BAD_REQUEST', `invalid notifications: ${reason}`, {
    field: 'notifications',
    reason,
    ...details,
  });
}

function readId(raw: unknown, index: number): number {
  if (raw === undefined || raw === null) return NO_NOTIFICATION_YET;
  // Java clients send a long; some clients quote it.
  const id = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
    throw badRequest(`entry ${index} has a notificationId that is not an integer`, {
      index,
      notificationId: raw,
    });
  }
  return id;
}

/**
 * Reads the `notifications` parameter of `/notifications/v2`. Like Apollo, entries without a name are
 * skipped, a `.properties` suffix is stripped, and when one namespace comes twice the LOWER id wins:
 * the client then hears about a change it may have missed under one of the spellings.
 */
export function parseClientNotifications(raw: string | undefined): ClientNotification[] {
  if (raw === undefined || raw.trim() === '') throw badRequest('the parameter is missing');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badRequest('the parameter is not valid JSON');
  }
  if (!Array.isArray(parsed)) throw badRequest('the parameter is not a JSON array');

  const byName = new Map<string, ClientNotification>();
  parsed.forEach((entry: unknown, index) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw badRequest(`entry ${index} is not an object`, { index });
    }
    const { namespaceName, notificationId } = entry as Record<string, unknown>;
    if (namespaceName === undefined || namespaceName === null || namespaceName === '') return;
    if (typeof namespaceName !== 'string') {
      throw badRequest(`entry ${index} has a namespaceName that is not a string`, { index });
    }
    const name = stripPropertiesSuffix(namespaceName);
    const id = readId(notificationId, index);
    const earlier = byName.get(name);
    if (earlier === undefined || id < earlier.notificationId)
      byName.set(name, { namespaceName: name, notificationId: id });
  });

  if (byName.size === 0) throw badRequest('no namespace is named');
  return [...byName.values()];
}
