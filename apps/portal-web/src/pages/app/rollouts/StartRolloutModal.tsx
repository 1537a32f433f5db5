import { useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Checkbox, Form, Input } from 'antd';
import { api } from '../../../api/client';
import type { Rollout } from '../../../api/types';
import { FormModal } from '../../../components/FormModal';
import { useI18n } from '../../../i18n/i18n';
import { refreshNamespace, type NamespaceContext } from '../namespace-context';
import { defaultReleaseTitle } from '../release-title';
import { useReviewPolicy } from '../ReviewPolicyControl';
import { DEFAULT_PLAN, rolloutBody, type RolloutPlanFields } from './rollout-plan';
import { RolloutPlanEditor } from './RolloutPlanEditor';

/**
 * Starts a progressive rollout of the namespace's unreleased changes, or of an existing gray
 * branch's keys when `branchName` is given (from the Gray release tab). Where releases need review a
 * rollout cannot be reviewed: the dialog says so, and offers emergency publish where allowed.
 */
export function StartRolloutModal({
  ns,
  branchName,
  onClose,
  onStarted,
}: {
  ns: NamespaceContext;
  branchName?: string;
  onClose(): void;
  onStarted(rollout: Rollout): void;
}) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const policy = useReviewPolicy(ns.env, ns.appId);
  const reviewed = policy.data?.required ?? false;
  const mayEmergency = reviewed && (policy.data?.emergencyPublishAllowed ?? false);
  return (
    <FormModal<RolloutPlanFields, Rollout>
      open
      width={760}
      title={t('rollout.startTitle', { namespace: ns.namespace.namespaceName })}
      okText={t('rollout.start')}
      fields={['releaseTitle', 'releaseComment', 'steps', 'gates', 'onFailure', 'isEmergencyPublish']}
      initialValues={{ ...DEFAULT_PLAN, releaseTitle: defaultReleaseTitle('rollout') }}
      submit={(fields) =>
        api<Rollout>(`${ns.path}/rollouts`, {
          method: 'POST',
          body: { ...rolloutBody(fields, mayEmergency), ...(branchName ? { branchName } : {}) },
        })
      }
      onDone={async (rollout) => {
        void message.success(t('rollout.started', { percentage: rollout.percentage }));
        // Everything read about the namespace, its rollouts and gray branch included.
        await refreshNamespace(queryClient, ns);
        onStarted(rollout);
      }}
      onClose={onClose}
    >
      {(form) => (
        <>
          <Alert
            type="info"
            showIcon
            message={
              branchName ? t('rollout.startBranchHint', { branch: branchName }) : t('rollout.startHint')
            }
            style={{ marginBottom: 12 }}
          />
          {reviewed && (
            <Alert
              type="warning"
              showIcon
              message={mayEmergency ? t('rollout.reviewedEmergency') : t('rollout.reviewed')}
              style={{ marginBottom: 12 }}
            />
          )}
          <Form.Item
            name="releaseTitle"
            label={t('release.name')}
            rules={[
              { required: true, message: t('common.required') },
              { max: 64, message: t('rollout.titleTooLong') },
            ]}
          >
            <Input autoFocus />
          </Form.Item>
          <Form.Item name="releaseComment" label={t('release.comment')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={256} />
          </Form.Item>
          <RolloutPlanEditor form={form} />
          {mayEmergency && (
            <Form.Item name="isEmergencyPublish" valuePropName="checked" extra={t('release.emergencyHint')}>
              <Checkbox>{t('release.emergency')}</Checkbox>
            </Form.Item>
          )}
        </>
      )}
    </FormModal>
  );
}
