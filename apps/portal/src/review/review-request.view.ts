import { hideValues } from '../config/config-forwarder';
import type { PortalReviewRequestEntity } from '../persistence/portal-entities';
import type { Changes, ReviewStatus } from './review-rules';

/** A review request as the API shows it; values are replaced when the viewer may not see them. */
export interface ReviewRequestView {
  id: number;
  env: string;
  appId: string;
  clusterName: string;
  namespaceName: string;
  status: ReviewStatus;
  requestedBy: string;
  releaseTitle: string;
  releaseComment: string;
  baseReleaseId: number;
  changes: Changes;
  /** True when `changes` had its values replaced by `******` for this viewer. */
  valuesHidden: boolean;
  reviewedBy: string;
  reviewComment: string;
  releaseId: number;
  createdAt: string;
  reviewedAt: string | null;
}

export function reviewRequestView(row: PortalReviewRequestEntity, hide: boolean): ReviewRequestView {
  const changes = JSON.parse(row.changes) as Changes;
  return {
    id: row.id,
    env: row.env,
    appId: row.appId,
    clusterName: row.clusterName,
    namespaceName: row.namespaceName,
    status: row.status as ReviewStatus,
    requestedBy: row.requestedBy,
    releaseTitle: row.releaseTitle,
    releaseComment: row.releaseComment,
    baseReleaseId: row.baseReleaseId,
    changes: hide ? (hideValues(changes) as Changes) : changes,
    valuesHidden: hide,
    reviewedBy: row.reviewedBy,
    reviewComment: row.reviewComment,
    releaseId: row.releaseId,
    createdAt: new Date(row.createdAt).toISOString(),
    reviewedAt: row.reviewedAt ? new Date(row.reviewedAt).toISOString() : null,
  };
}
