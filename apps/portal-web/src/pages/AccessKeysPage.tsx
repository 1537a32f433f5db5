import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, seg } from '../api/client';
import { describeError } from '../api/describe-error';
import { useCurrentEnv } from '../api/queries';
import type { MyPermissions } from '../api/types';
import { EnvPicker } from '../components/EnvPicker';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { isMaster } from '../permissions';

interface AccessKey {
  id: number;
  secret: string;
  isEnabled: boolean;
  mode: number;
  dataChangeCreatedBy: string;
  dataChangeCreatedTime: string;
}

/** An app's access keys in one environment (app masters): created, shown once, enabled in a mode. */
export function AccessKeysPage() {
  const { appId = '' } = useParams();
  const { t, formatDate } = useI18n();
  const [env, setEnv] = useCurrentEnv();
  const [created, setCreated] = useState<AccessKey>();
  const [error, setError] = useState<string>();
  const queryClient = useQueryClient();
  const base = `/api/envs/${seg(env ?? '')}/apps/${seg(appId)}/accesskeys`;
  const keys = useQuery({
    queryKey: ['accesskeys', env, appId],
    queryFn: () => api<AccessKey[]>(base),
    enabled: env !== undefined,
  });
  const permissions = useQuery({
    queryKey: ['permissions', appId],
    queryFn: () => api<MyPermissions>(`/api/apps/${seg(appId)}/permissions`),
  });
  const master = isMaster(permissions.data);
  const change = useMutation({
    mutationFn: async ({
      what,
      id,
    }: {
      what: 'create' | 'filter' | 'observer' | 'disable' | 'delete';
      id?: number;
    }) => {
      if (what === 'create') return api<AccessKey>(base, { method: 'POST', body: {} });
      if (what === 'delete') return api(`${base}/${id}`, { method: 'DELETE' });
      if (what === 'disable') return api(`${base}/${id}/disable`, { method: 'PUT' });
      return api(`${base}/${id}/enable`, { method: 'PUT', query: { mode: what === 'filter' ? 0 : 1 } });
    },
    onSuccess: async (answer, { what }) => {
      setError(undefined);
      if (what === 'create') setCreated(answer as AccessKey);
      await queryClient.invalidateQueries({ queryKey: ['accesskeys', env, appId] });
    },
    onError: (caught) => setError(describeError(caught, t)),
  });
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          <Link to={`/apps/${seg(appId)}?env=${seg(env ?? '')}`}>{appId}</Link> · {t('keys.title', { appId })}
        </Typography.Title>
        <Space>
          <EnvPicker value={env} onChange={setEnv} />
          {master && (
            <Button
              type="primary"
              onClick={() => change.mutate({ what: 'create' })}
              loading={change.isPending}
            >
              {t('keys.create')}
            </Button>
          )}
        </Space>
      </Space>
      <Typography.Text type="secondary">{t('keys.intro')}</Typography.Text>
      {(keys.error || error) && (
        <Alert type="error" showIcon role="alert" message={error ?? describeError(keys.error, t)} />
      )}
      <Table<AccessKey>
        rowKey="id"
        loading={keys.isPending && env !== undefined}
        dataSource={keys.data}
        pagination={false}
        locale={{ emptyText: t('keys.empty') }}
        columns={[
          {
            title: t('keys.secret'),
            dataIndex: 'secret',
            render: (secret: string) => <Typography.Text code>{secret}</Typography.Text>,
          },
          {
            title: t('keys.status'),
            render: (_, key) =>
              key.isEnabled ? (
                <Tag color="green">{`${t('keys.enabled')} · ${t(`keys.mode.${key.mode}` as MessageKey)}`}</Tag>
              ) : (
                <Tag>{t('keys.disabled')}</Tag>
              ),
          },
          { title: t('history.by'), dataIndex: 'dataChangeCreatedBy' },
          {
            title: t('apps.created'),
            dataIndex: 'dataChangeCreatedTime',
            render: (value: string) => formatDate(value),
          },
          ...(master
            ? [
                {
                  title: t('ns.actions'),
                  render: (_: unknown, key: AccessKey) => (
                    <Space wrap size={4}>
                      {(!key.isEnabled || key.mode !== 0) && (
                        <Button size="small" onClick={() => change.mutate({ what: 'filter', id: key.id })}>
                          {t('keys.enableFilter')}
                        </Button>
                      )}
                      {(!key.isEnabled || key.mode !== 1) && (
                        <Button size="small" onClick={() => change.mutate({ what: 'observer', id: key.id })}>
                          {t('keys.enableObserver')}
                        </Button>
                      )}
                      {key.isEnabled && (
                        <Button size="small" onClick={() => change.mutate({ what: 'disable', id: key.id })}>
                          {t('keys.disable')}
                        </Button>
                      )}
                      {!key.isEnabled && (
                        <Popconfirm
                          title={t('keys.deleteConfirm')}
                          okText={t('common.delete')}
                          cancelText={t('common.cancel')}
                          onConfirm={() => change.mutate({ what: 'delete', id: key.id })}
                        >
                          <Button size="small" danger>
                            {t('common.delete')}
                          </Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {created && (
        <Modal
          open
          title={t('keys.create')}
          onOk={() => setCreated(undefined)}
          onCancel={() => setCreated(undefined)}
          okText={t('common.close')}
          cancelButtonProps={{ style: { display: 'none' } }}
        >
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert type="warning" showIcon message={t('keys.shownOnce')} />
            <Typography.Paragraph copyable code data-testid="new-secret">
              {created.secret}
            </Typography.Paragraph>
          </Space>
        </Modal>
      )}
    </Space>
  );
}
