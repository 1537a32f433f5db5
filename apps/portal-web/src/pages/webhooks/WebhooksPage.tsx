import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, seg } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { useCurrentEnv } from '../../api/queries';
import type { MyPermissions } from '../../api/types';
import { EnvPicker } from '../../components/EnvPicker';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { isMaster } from '../../permissions';
import { AddWebhookModal } from './AddWebhookModal';
import { DeliveryDrawer } from './DeliveryDrawer';
import {
  DELIVERY_PAGE_SIZE,
  eventLabel,
  HOOK_PATH,
  hasOpenDelivery,
  mergeHooks,
  readDeliveryPage,
  type DeliveryStatus,
  type KindedWebhook,
  type Webhook,
  type WebhookDelivery,
} from './types';

const STATUS_COLOR: Record<DeliveryStatus, string> = {
  pending: 'gold',
  delivering: 'blue',
  delivered: 'green',
  failed: 'red',
};

/**
 * An app's webhooks in one environment: validation hooks asked before each release and
 * notification hooks told after one, and the notification deliveries with their state. Anyone
 * who may see the app reads them; app masters add and remove hooks and send failed deliveries
 * again.
 */
export function WebhooksPage() {
  const { appId = '' } = useParams();
  const { t, formatDate } = useI18n();
  const [env, setEnv] = useCurrentEnv();
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState<DeliveryStatus>();
  const [page, setPage] = useState(1);
  const [opened, setOpened] = useState<number>();
  // The cursor (`beforeId`) of each page reached, for one filter: a new filter starts over.
  const cursors = useRef({ key: '', byPage: new Map<number, number>() });
  const [error, setError] = useState<string>();
  const queryClient = useQueryClient();
  const base = `/api/envs/${seg(env ?? '')}/apps/${seg(appId)}`;
  const hooksOf = (kind: 'validation' | 'notification') => ({
    queryKey: ['webhooks', kind, env, appId],
    queryFn: () => api<Webhook[]>(`${base}/${HOOK_PATH[kind]}`),
    enabled: env !== undefined,
  });
  const validation = useQuery(hooksOf('validation'));
  const notification = useQuery(hooksOf('notification'));
  const filterKey = `${env}|${appId}|${status ?? ''}`;
  if (cursors.current.key !== filterKey) cursors.current = { key: filterKey, byPage: new Map() };
  const deliveries = useQuery({
    queryKey: ['webhook-deliveries', env, appId, status, page],
    queryFn: () =>
      readDeliveryPage(page, cursors.current.byPage, (beforeId) =>
        api<WebhookDelivery[]>(`${base}/webhook-deliveries`, {
          query: { status, beforeId, size: DELIVERY_PAGE_SIZE },
        }),
      ),
    enabled: env !== undefined,
    refetchInterval: (query) => (hasOpenDelivery(query.state.data) ? 2_000 : false),
  });
  const deliveryCount = useQuery({
    queryKey: ['webhook-deliveries', env, appId, status, 'count'],
    queryFn: () => api<{ total: number }>(`${base}/webhook-deliveries/count`, { query: { status } }),
    enabled: env !== undefined,
    refetchInterval: () => (hasOpenDelivery(deliveries.data) ? 2_000 : false),
  });
  const permissions = useQuery({
    queryKey: ['permissions', appId],
    queryFn: () => api<MyPermissions>(`/api/apps/${seg(appId)}/permissions`),
  });
  const master = isMaster(permissions.data);
  const hooks = mergeHooks(validation.data, notification.data);
  const refresh = async () => {
    setError(undefined);
    await queryClient.invalidateQueries({ queryKey: ['webhooks'] });
    await queryClient.invalidateQueries({ queryKey: ['webhook-deliveries'] });
  };
  const remove = useMutation({
    mutationFn: (hook: KindedWebhook) =>
      api(`${base}/${HOOK_PATH[hook.kind]}/${hook.id}`, { method: 'DELETE' }),
    onSuccess: refresh,
    onError: (caught) => setError(describeError(caught, t)),
  });
  const redeliver = useMutation({
    mutationFn: (delivery: WebhookDelivery) =>
      api(`${base}/webhook-deliveries/${delivery.id}/redeliver`, { method: 'POST', body: {} }),
    onSuccess: refresh,
    onError: (caught) => setError(describeError(caught, t)),
  });
  const failure = validation.error ?? notification.error ?? deliveries.error ?? deliveryCount.error;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          <Link to={`/apps/${seg(appId)}?env=${seg(env ?? '')}`}>{appId}</Link> · {t('hooks.title')}
        </Typography.Title>
        <Space>
          <EnvPicker value={env} onChange={setEnv} />
          {master && (
            <Button type="primary" onClick={() => setAdding(true)}>
              {t('hooks.add')}
            </Button>
          )}
        </Space>
      </Space>
      <Typography.Text type="secondary">{t('hooks.intro')}</Typography.Text>
      {(failure || error) && (
        <Alert type="error" showIcon role="alert" message={error ?? describeError(failure, t)} />
      )}
      <Table<KindedWebhook>
        data-testid="webhooks"
        rowKey={(hook) => `${hook.kind}:${hook.id}`}
        loading={(validation.isPending || notification.isPending) && env !== undefined}
        dataSource={hooks}
        pagination={false}
        locale={{ emptyText: t('hooks.empty') }}
        columns={[
          {
            title: t('hooks.kind'),
            render: (_, hook) => (
              <Tag color={hook.kind === 'validation' ? 'purple' : 'cyan'}>
                {t(`hooks.kind.${hook.kind}` as MessageKey)}
              </Tag>
            ),
          },
          {
            title: t('hooks.url'),
            dataIndex: 'url',
            render: (url: string) => <Typography.Text code>{url}</Typography.Text>,
          },
          {
            title: t('hooks.namespace'),
            dataIndex: 'namespaceName',
            render: (name: string) =>
              name || <Typography.Text type="secondary">{t('hooks.allNamespaces')}</Typography.Text>,
          },
          {
            title: t('hooks.events'),
            render: (_, hook) =>
              hook.kind === 'notification' ? (
                <Space size={[0, 4]} wrap>
                  {(hook.events ?? []).map((event) => (
                    <Tag key={event} title={event}>
                      {eventLabel(event, t)}
                    </Tag>
                  ))}
                </Space>
              ) : (
                <Typography.Text type="secondary">
                  {t('hooks.beforeRelease', {
                    policy: t(hook.failurePolicy === 'fail-open' ? 'hooks.failOpen' : 'hooks.failClosed'),
                    timeout: hook.timeoutMs ?? 5000,
                  })}
                </Typography.Text>
              ),
          },
          { title: t('history.by'), dataIndex: 'createdBy' },
          { title: t('apps.created'), dataIndex: 'createdAt', render: (value: string) => formatDate(value) },
          ...(master
            ? [
                {
                  title: t('ns.actions'),
                  render: (_: unknown, hook: KindedWebhook) => (
                    <Popconfirm
                      title={t('hooks.removeConfirm', { url: hook.url })}
                      okText={t('common.delete')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => remove.mutate(hook)}
                    >
                      <Button size="small" danger>
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('hooks.deliveries')}
        </Typography.Title>
        <Space>
          <Select<DeliveryStatus | ''>
            aria-label={t('hooks.status')}
            style={{ minWidth: 160 }}
            value={status ?? ''}
            onChange={(next) => {
              setStatus(next || undefined);
              setPage(1);
            }}
            options={[
              { value: '', label: t('hooks.status.all') },
              ...(['failed', 'pending', 'delivering', 'delivered'] as const).map((value) => ({
                value,
                label: t(`hooks.status.${value}` as MessageKey),
              })),
            ]}
          />
          <Button
            onClick={() =>
              void queryClient.invalidateQueries({ queryKey: ['webhook-deliveries', env, appId] })
            }
          >
            {t('hooks.reload')}
          </Button>
        </Space>
      </Space>
      <Table<WebhookDelivery>
        data-testid="webhook-deliveries"
        rowKey="id"
        loading={deliveries.isPending && env !== undefined}
        dataSource={deliveries.data}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: DELIVERY_PAGE_SIZE,
          total: deliveryCount.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('hooks.deliveryTotal', { total }),
          onChange: setPage,
        }}
        locale={{ emptyText: t('hooks.noDeliveries') }}
        columns={[
          {
            title: '#',
            dataIndex: 'id',
            render: (id: number) => (
              <Button size="small" onClick={() => setOpened(id)} aria-label={`${t('hooks.open')} #${id}`}>
                #{id}
              </Button>
            ),
          },
          {
            title: t('hooks.event'),
            dataIndex: 'event',
            render: (event: string) => <Tag title={event}>{eventLabel(event, t)}</Tag>,
          },
          {
            title: t('hooks.namespace'),
            dataIndex: 'namespaceName',
          },
          {
            title: t('hooks.url'),
            render: (_, delivery) =>
              notification.data?.find((hook) => hook.id === delivery.webhookId)?.url ??
              `#${delivery.webhookId}`,
          },
          {
            title: t('hooks.status'),
            dataIndex: 'status',
            render: (value: DeliveryStatus) => (
              <Tag color={STATUS_COLOR[value]}>{t(`hooks.status.${value}` as MessageKey)}</Tag>
            ),
          },
          { title: t('hooks.attempts'), dataIndex: 'attempts' },
          { title: t('hooks.lastError'), dataIndex: 'lastError' },
          {
            title: t('hooks.lastAttempt'),
            render: (_, delivery) => formatDate(delivery.lastAttemptAt ?? delivery.createdAt),
          },
          ...(master
            ? [
                {
                  title: t('ns.actions'),
                  render: (_: unknown, delivery: WebhookDelivery) =>
                    delivery.status === 'failed' && (
                      <Button
                        size="small"
                        loading={redeliver.isPending && redeliver.variables?.id === delivery.id}
                        onClick={() => redeliver.mutate(delivery)}
                      >
                        {t('hooks.redeliver')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      <DeliveryDrawer base={base} id={opened} onClose={() => setOpened(undefined)} />
      <AddWebhookModal open={adding} base={base} onClose={() => setAdding(false)} onDone={refresh} />
    </Space>
  );
}
