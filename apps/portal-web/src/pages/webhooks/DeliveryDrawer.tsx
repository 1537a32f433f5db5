import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Drawer, Spin, Tag, Typography } from 'antd';
import { api } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { eventLabel, type WebhookDeliveryDetail } from './types';

/**
 * One delivery opened from the list: what was sent (the JSON body, as the admin-service stores
 * it: changed keys, never values, never the signing secret) and how the last attempt ended.
 */
export function DeliveryDrawer({
  base,
  id,
  onClose,
}: {
  /** `/api/envs/{env}/apps/{appId}` */
  base: string;
  id: number | undefined;
  onClose: () => void;
}) {
  const { t, formatDate } = useI18n();
  const delivery = useQuery({
    queryKey: ['webhook-deliveries', base, 'one', id],
    queryFn: () => api<WebhookDeliveryDetail>(`${base}/webhook-deliveries/${id}`),
    enabled: id !== undefined,
  });
  const shown = delivery.data;
  return (
    <Drawer
      open={id !== undefined}
      onClose={onClose}
      size={640}
      title={t('hooks.deliveryTitle', { id: id ?? '' })}
      data-testid="delivery-detail"
    >
      {delivery.error ? (
        <Alert type="error" showIcon role="alert" message={describeError(delivery.error, t)} />
      ) : !shown ? (
        <Spin />
      ) : (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('hooks.event')}>
              <Tag title={shown.event}>{eventLabel(shown.event, t)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('hooks.namespace')}>{shown.namespaceName}</Descriptions.Item>
            <Descriptions.Item label={t('hooks.status')}>
              {t(`hooks.status.${shown.status}` as MessageKey)}
            </Descriptions.Item>
            <Descriptions.Item label={t('hooks.attempts')}>{shown.attempts}</Descriptions.Item>
            <Descriptions.Item label={t('hooks.lastStatus')}>
              {shown.attempts === 0 ? '—' : shown.lastStatus || t('hooks.noAnswer')}
            </Descriptions.Item>
            <Descriptions.Item label={t('hooks.lastError')}>{shown.lastError || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('hooks.lastAttempt')}>
              {shown.lastAttemptAt ? formatDate(shown.lastAttemptAt) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('apps.created')}>{formatDate(shown.createdAt)}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('hooks.body')}
          </Typography.Title>
          <pre
            data-testid="delivery-body"
            style={{
              margin: 0,
              maxHeight: 480,
              overflow: 'auto',
              whiteSpace: 'pre-wrap',
              wordBreak: 'break-all',
            }}
          >
            {JSON.stringify(shown.payload ?? null, null, 2)}
          </pre>
        </>
      )}
    </Drawer>
  );
}
