import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Empty, Input, List, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, nsPath, seg } from '../api/client';
import { describeError } from '../api/describe-error';
import type { Page, ReviewRequest } from '../api/types';
import { DiffView } from '../components/DiffView';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { useUser } from '../session';

const STATUS_COLOURS = {
  PENDING: 'gold',
  PUBLISHED: 'green',
  REJECTED: 'red',
  STALE: 'default',
  WITHDRAWN: 'default',
} as const;

function RequestCard({ request, reviewable }: { request: ReviewRequest; reviewable: boolean }) {
  const { t, formatDate } = useI18n();
  const { message } = AntApp.useApp();
  const user = useUser();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const path = `${nsPath(request.env, request.appId, request.clusterName, request.namespaceName)}/review-requests/${request.id}`;
  const decide = useMutation({
    mutationFn: (verdict: 'approve' | 'reject') =>
      api(`${path}/${verdict}`, {
        method: 'POST',
        body: comment ? { comment } : verdict === 'approve' ? {} : { comment },
      }),
    onSuccess: async (_, verdict) => {
      setError(undefined);
      void message.success(
        verdict === 'approve' ? t('review.approved', { name: request.releaseTitle }) : t('review.rejected'),
      );
      await queryClient.invalidateQueries({ queryKey: ['reviews'] });
      await queryClient.invalidateQueries({ queryKey: ['review-badge'] });
      await queryClient.invalidateQueries({ queryKey: ['namespace', request.env, request.appId] });
    },
    onError: (caught) => setError(describeError(caught, t)),
  });
  const own = request.requestedBy === user.username;
  return (
    <Card
      size="small"
      data-testid="review-request"
      data-title={request.releaseTitle}
      title={
        <Space wrap>
          <Typography.Text strong>{request.releaseTitle}</Typography.Text>
          <Tag color={STATUS_COLOURS[request.status]}>
            {t(`review.status.${request.status}` as MessageKey)}
          </Tag>
          <Link
            to={`/apps/${seg(request.appId)}?env=${seg(request.env)}&cluster=${seg(request.clusterName)}&ns=${seg(request.namespaceName)}`}
          >
            {`${request.env} / ${request.appId} / ${request.clusterName} / ${request.namespaceName}`}
          </Link>
        </Space>
      }
      extra={
        <Typography.Text type="secondary">
          {t('review.requestedBy', { user: request.requestedBy })} · {formatDate(request.createdAt)}
        </Typography.Text>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {request.releaseComment && <Typography.Paragraph>{request.releaseComment}</Typography.Paragraph>}
        {request.valuesHidden && <Alert type="warning" showIcon message={t('ns.hiddenValues')} />}
        <DiffView diff={request.changes} />
        {request.reviewedBy && (
          <Typography.Text type="secondary">
            {t('review.reviewedBy', { user: request.reviewedBy })}
            {request.reviewComment ? `: ${request.reviewComment}` : ''}
          </Typography.Text>
        )}
        {request.status === 'PENDING' && own && (
          <Typography.Text type="secondary">{t('review.own')}</Typography.Text>
        )}
        {request.status === 'PENDING' && reviewable && !own && (
          <Space wrap>
            <Input
              style={{ width: 360 }}
              placeholder={t('review.comment')}
              aria-label={t('review.comment')}
              value={comment}
              onChange={(event) => setComment(event.target.value)}
            />
            <Button type="primary" loading={decide.isPending} onClick={() => decide.mutate('approve')}>
              {t('review.approve')}
            </Button>
            <Button
              danger
              loading={decide.isPending}
              onClick={() =>
                comment.trim() ? decide.mutate('reject') : setError(t('review.rejectNeedsComment'))
              }
            >
              {t('review.reject')}
            </Button>
          </Space>
        )}
        {error && <Alert type="error" showIcon message={error} role="alert" />}
      </Space>
    </Card>
  );
}

function RequestList({
  query,
  reviewable,
}: {
  query: Record<string, string | boolean>;
  reviewable: boolean;
}) {
  const { t } = useI18n();
  const requests = useQuery({
    queryKey: ['reviews', query],
    queryFn: () => api<Page<ReviewRequest>>('/api/review-requests', { query: { ...query, size: 50 } }),
  });
  if (requests.error) return <Alert type="error" showIcon message={describeError(requests.error, t)} />;
  if (requests.data && requests.data.content.length === 0) return <Empty description={t('review.empty')} />;
  return (
    <List
      loading={requests.isPending}
      dataSource={requests.data?.content}
      split={false}
      renderItem={(request) => (
        <List.Item>
          <RequestCard request={request} reviewable={reviewable} />
        </List.Item>
      )}
    />
  );
}

/** Releases waiting for someone else's approval, and the user's own requests. */
export function ReviewsPage() {
  const { t } = useI18n();
  const user = useUser();
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('review.title')}
      </Typography.Title>
      <Tabs
        items={[
          {
            key: 'to-review',
            label: t('review.toReview'),
            children: <RequestList query={{ status: 'PENDING', reviewable: true }} reviewable />,
          },
          {
            key: 'mine',
            label: t('review.mine'),
            children: <RequestList query={{ requestedBy: user.username }} reviewable={false} />,
          },
        ]}
      />
    </Space>
  );
}
