import type { ConfigurationDiff } from '../releases/compare-configurations';
import type { NotificationEvent } from './notification-events';

/** The most a notification's body may hold; larger key lists are cut (and say so). */
export const MAX_NOTIFICATION_PAYLOAD_BYTES = 64 * 1024;

/**
 * What a notification webhook receives (POST, JSON). Like Apollo's release webhook it says which
 * release of which namespace happened, by whom, and what changed; unlike it, values are never
 * sent (a chat channel or CI job is no place for them): only the keys, which a receiver that
 * needs the values reads through the API.
 */
export interface NotificationPayload {
  event: NotificationEvent;
  appId: string;
  /** The main cluster (the one clients watch). */
  clusterName: string;
  namespaceName: string;
  /** The gray branch for gray events; the cluster itself otherwise (as Apollo's history). */
  branchName: string;
  operator: string;
  /** Apollo's release history operation (0 release, 1 rollback, 2 gray release, …). */
  operation: number;
  releaseHistoryId: number;
  /** The release clients get after the change (none: the branch's was abandoned). */
  release: { id: number; key: string; title: string; comment: string } | null;
  previousReleaseId: number;
  occurredAt: string;
  /** A rollout's step or abort: which rollout, which step, the share or the reason. */
  rollout?: { id: number; step: number; percentage?: number; reason?: string };
  /** Keys that changed between the previous release and `release`; `truncated` when cut to fit. */
  changes: { added: string[]; modified: string[]; deleted: string[]; truncated: boolean };
}

export function changedKeys(diff: ConfigurationDiff): NotificationPayload['changes'] {
  return {
    added: diff.added.map((entry) => entry.key),
    modified: diff.modified.map((entry) => entry.key),
    deleted: diff.deleted.map((entry) => entry.key),
    truncated: false,
  };
}

/**
 * The payload as sent, at most `maxBytes` of UTF-8: the key lists are shortened (halved until it
 * fits, then `truncated: true`). Everything else is bounded by its column.
 */
export function serializeNotificationPayload(
  payload: NotificationPayload,
  maxBytes = MAX_NOTIFICATION_PAYLOAD_BYTES,
): string {
  let body = JSON.stringify(payload);
  if (Buffer.byteLength(body) <= maxBytes) return body;
  const { added, modified, deleted } = payload.changes;
  let keep = Math.max(added.length, modified.length, deleted.length);
  while (keep > 0) {
    keep = Math.floor(keep / 2);
    body = JSON.stringify({
      ...payload,
      changes: {
        added: added.slice(0, keep),
        modified: modified.slice(0, keep),
        deleted: deleted.slice(0, keep),
        truncated: true,
      },
    });
    if (Buffer.byteLength(body) <= maxBytes) return body;
  }
  return body;
}
