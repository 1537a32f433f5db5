import { ApiError } from '../../api/client';
import { describeError } from '../../api/describe-error';
import type { Translate } from '../../i18n/i18n';

/**
 * Why the admin-service refused to delete a namespace from one cluster (409), in words: the
 * `application` namespace, a gray branch, a running rollout, or a public namespace other apps
 * associate, as the refusal's `details.reason` names it; anything else is described as usual.
 */
export function describeDeletionRefusal(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError) || error.status !== 409) return describeError(error, t);
  const { details } = error;
  switch (details['reason']) {
    case 'APPLICATION_NAMESPACE':
      return t('clusterNs.refused.application');
    case 'GRAY_BRANCH':
      return t('clusterNs.refused.grayBranch', { cluster: String(details['cluster'] ?? '') });
    case 'ROLLOUT_ACTIVE':
      return t('clusterNs.refused.rollout');
    case 'PUBLIC_NAMESPACE_ASSOCIATED': {
      const apps = Array.isArray(details['associatedBy']) ? details['associatedBy'].map(String) : [];
      return t('clusterNs.refused.associated', { apps: apps.join(', ') });
    }
    default:
      return t('clusterNs.refused.other', { message: error.message });
  }
}
