import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, seg } from '../../api/client';
import { describeError } from '../../api/describe-error';
import type { Page, ReviewRequest } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useUser } from '../../session';
import type { NamespaceContext } from './namespace-context';

function Withdraw({ ns, request }: { ns: NamespaceContext; request: ReviewRequest }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string>();
  const withdraw = useMutation({
    mutationFn: () =>
      api<ReviewRequest>(`${ns.path}/review-requests/${seg(String(request.id))}/withdraw`, {
        method: 'POST',
        body: {},
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reviews'] }),
    onError: (caught) => setError(describeError(caught, t)),
  });
  return (
    <Alert
      type="info"
      showIcon
      data-testid="my-pending-review"
      data-title={request.releaseTitle}
      message={
        <Space wrap>
          <span>{t('review.pendingMine', { name: request.releaseTitle })}</span>
          <Popconfirm
            title={t('review.withdraw')}
            description={t('review.withdrawHint')}
            okText={t('review.withdraw')}
            cancelText={t('common.cancel')}
            onConfirm={() => withdraw.mutate()}
          >
            <Button size="small" loading={withdraw.isPending}>
              {t('review.withdraw')}
            </Button>
          </Popconfirm>
          {error && (
            <Typography.Text type="danger" role="alert">
              {error}
            </Typography.Text>
          )}
        </Space>
      }
    />
  );
}

/** The signed-in user's own pending review requests of this namespace, each with "Withdraw". */
export function MyPendingReviews({ ns }: { ns: NamespaceContext }) {
  const user = useUser();
  const pending = useQuery({
    queryKey: ['reviews', 'mine-pending', ns.env, ns.appId, user.username],
    queryFn: () =>
      api<Page<ReviewRequest>>('/api/review-requests', {
        query: { status: 'PENDING', env: ns.env, appId: ns.appId, requestedBy: user.username, size: 50 },
      }),
  });
  const mine = (pending.data?.content ?? []).filter(
    (request) => request.clusterName === ns.cluster && request.namespaceName === ns.namespace.namespaceName,
  );
  if (mine.length === 0) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {mine.map((request) => (
        <Withdraw key={request.id} ns={ns} request={request} />
      ))}
    </Space>
  );
}
