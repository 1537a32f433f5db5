import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Checkbox, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { describeError } from '../../api/describe-error';
import type { Release, ReviewRequest } from '../../api/types';
import { DiffView, isEmptyDiff } from '../../components/DiffView';
import { showErrorOnForm } from '../../components/form-errors';
import { useI18n } from '../../i18n/i18n';
import { refreshNamespace, type NamespaceContext } from './namespace-context';
import { MyPendingReviews } from './MyPendingReviews';
import { useUnreleased } from './queries';
import { useReviewPolicy } from './ReviewPolicyControl';

interface ReleaseFields {
  releaseTitle: string;
  releaseComment?: string;
  isEmergencyPublish?: boolean;
}

function defaultTitle(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}-release`;
}

/** Release with the diff of exactly what changes: the server's unreleased changes against the active release. */
export function ReleaseModal({ ns, onClose }: { ns: NamespaceContext; onClose(): void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ReleaseFields>();
  const emergency = Form.useWatch('isEmergencyPublish', form) === true;
  const [error, setError] = useState<string>();
  const queryClient = useQueryClient();
  const unreleased = useUnreleased(ns);
  const nothing = unreleased.data !== undefined && isEmptyDiff(unreleased.data.changes);
  const policy = useReviewPolicy(ns.env, ns.appId);
  const reviewed = policy.data?.required ?? false;
  // Emergency publish skips review where the environment allows it (the releaser needs release
  // permission, which opening this dialog already took).
  const mayEmergency = reviewed && (policy.data?.emergencyPublishAllowed ?? false);
  const release = useMutation({
    mutationFn: ({ isEmergencyPublish, ...fields }: ReleaseFields) =>
      api<Release | { reviewRequired: true; reviewRequest: ReviewRequest }>(`${ns.path}/releases`, {
        method: 'POST',
        body: mayEmergency && isEmergencyPublish ? { ...fields, isEmergencyPublish: true } : fields,
      }),
    onSuccess: async (answer) => {
      // Where review is required the portal answers 202 with the request instead of a release.
      if ('reviewRequired' in answer) {
        void message.info(t('review.requested', { name: answer.reviewRequest.releaseTitle }));
        await queryClient.invalidateQueries({ queryKey: ['reviews'] });
      } else {
        void message.success(t('release.done', { name: answer.name }));
      }
      await refreshNamespace(queryClient, ns);
      onClose();
    },
    onError: (caught) => setError(showErrorOnForm(form, caught, t, ['releaseTitle', 'releaseComment'])),
  });
  return (
    <Modal
      open
      width={880}
      title={t('release.title', { namespace: ns.namespace.namespaceName })}
      okText={reviewed && !emergency ? t('review.submit') : t('release.submit')}
      okButtonProps={{ disabled: nothing || unreleased.isPending, danger: emergency }}
      cancelText={t('common.cancel')}
      confirmLoading={release.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {reviewed && <Alert type="info" showIcon message={t('review.required')} style={{ marginBottom: 12 }} />}
      {reviewed && (
        <div style={{ marginBottom: 12 }}>
          <MyPendingReviews ns={ns} />
        </div>
      )}
      <Typography.Title level={5}>{t('release.diff')}</Typography.Title>
      {unreleased.error ? (
        <Alert type="error" showIcon message={describeError(unreleased.error, t)} />
      ) : nothing ? (
        <Alert type="info" showIcon message={t('release.nothing')} />
      ) : (
        <DiffView diff={unreleased.data?.changes} loading={unreleased.isPending} />
      )}
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        initialValues={{ releaseTitle: defaultTitle() }}
        onFinish={(fields) => {
          setError(undefined);
          release.mutate(fields);
        }}
      >
        <Form.Item
          name="releaseTitle"
          label={t('release.name')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="releaseComment" label={t('release.comment')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        {mayEmergency && (
          <Form.Item
            name="isEmergencyPublish"
            valuePropName="checked"
            extra={emergency ? t('release.emergencyHint') : undefined}
          >
            <Checkbox>{t('release.emergency')}</Checkbox>
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon message={error} role="alert" />}
      </Form>
    </Modal>
  );
}
