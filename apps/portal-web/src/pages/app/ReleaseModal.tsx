import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Checkbox, Form, Input, Modal, Typography, type InputRef } from 'antd';
import { useRef, useState } from 'react';
import { api } from '../../api/client';
import { describeError } from '../../api/describe-error';
import type { Release, ReviewRequest } from '../../api/types';
import { DiffView, isEmptyDiff } from '../../components/DiffView';
import { showErrorOnForm } from '../../components/form-errors';
import { useI18n } from '../../i18n/i18n';
import { refreshNamespace, type NamespaceContext } from './namespace-context';
import { MyPendingReviews } from './MyPendingReviews';
import { useReleaseChecks, useUnreleased } from './queries';
import { defaultReleaseTitle } from './release-title';
import { useReviewPolicy } from './ReviewPolicyControl';

interface ReleaseFields {
  releaseTitle: string;
  releaseComment?: string;
  isEmergencyPublish?: boolean;
}

/** Release with the diff of exactly what changes: the server's unreleased changes against the active release. */
export function ReleaseModal({ ns, onClose }: { ns: NamespaceContext; onClose(): void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ReleaseFields>();
  const emergency = Form.useWatch('isEmergencyPublish', form) === true;
  const [error, setError] = useState<string>();
  const title = useRef<InputRef>(null);
  const queryClient = useQueryClient();
  const unreleased = useUnreleased(ns);
  const checks = useReleaseChecks(ns);
  const failed = checks.data?.checks.filter((check) => !check.passed) ?? [];
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
      // The title has the focus, selected: Enter releases, typing names the release.
      afterOpenChange={(open) => {
        if (open) title.current?.focus({ cursor: 'all' });
      }}
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
      {failed.map((check) => (
        <Alert
          key={check.name}
          type="error"
          showIcon
          role="alert"
          data-testid={`release-check-${check.name}`}
          style={{ marginTop: 12 }}
          message={t(`release.check.${check.name}`)}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {check.problems.map((problem, index) => (
                <li key={index}>
                  <Typography.Text code>{problem.path}</Typography.Text> {problem.message}
                </li>
              ))}
            </ul>
          }
        />
      ))}
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        initialValues={{ releaseTitle: defaultReleaseTitle('release') }}
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
          <Input ref={title} />
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
