import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { describeError } from '../api/describe-error';
import { useEnvironments } from '../api/queries';
import type { Consumer, ConsumerGrant } from '../api/types';
import { FormModal } from '../components/FormModal';
import { useI18n } from '../i18n/i18n';

interface ConsumerFields {
  appId: string;
  name: string;
  ownerName: string;
  ownerEmail?: string;
  orgId?: string;
  rateLimit?: number;
  allowCreateApplication?: boolean;
}

interface OwnerFields {
  ownerName: string;
  ownerEmail?: string;
}

interface GrantFields {
  appId: string;
  namespaceName?: string;
  env?: string;
}

/** A token is in the answer to its creation only: shown here once, to be copied. */
function TokenModal({ token, onClose }: { token?: { consumer: string; token: string }; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={token !== undefined}
      title={t('consumers.tokenTitle', { consumer: token?.consumer ?? '' })}
      onOk={onClose}
      onCancel={onClose}
      okText={t('consumers.tokenCopied')}
      cancelButtonProps={{ style: { display: 'none' } }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon message={t('consumers.tokenOnce')} style={{ marginBottom: 12 }} />
      <Typography.Text code copyable data-testid="consumer-token">
        {token?.token}
      </Typography.Text>
    </Modal>
  );
}

/**
 * Hands a consumer to another portal user (an enabled one, the portal checks): an account is not
 * deleted while it still owns a consumer, so this is where its consumers go first.
 */
function TransferConsumerOwnerModal({ consumer, onClose }: { consumer?: Consumer; onClose(): void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  return (
    <FormModal<OwnerFields, Consumer>
      open={consumer !== undefined}
      title={t('consumers.transferOwner', { consumer: consumer?.appId ?? '' })}
      okText={t('owner.submit')}
      onClose={onClose}
      fields={['ownerName', 'ownerEmail']}
      submit={(fields) =>
        api<Consumer>(`/api/consumers/${consumer!.id}/owner`, {
          method: 'PUT',
          body: { ownerName: fields.ownerName.trim(), ownerEmail: fields.ownerEmail?.trim() || undefined },
        })
      }
      onDone={async (moved) => {
        void message.success(t('consumers.ownerDone', { ownerName: moved.ownerName, consumer: moved.appId }));
        await queryClient.invalidateQueries({ queryKey: ['consumers'] });
      }}
    >
      {consumer && <p>{t('consumers.transferOwnerCurrent', { ownerName: consumer.ownerName })}</p>}
      <Form.Item
        name="ownerName"
        label={t('owner.newOwner')}
        rules={[{ required: true, whitespace: true, message: t('common.required') }]}
      >
        <Input autoFocus autoComplete="off" maxLength={64} />
      </Form.Item>
      <Form.Item name="ownerEmail" label={t('users.email')} extra={t('consumers.ownerEmailHint')}>
        <Input type="email" maxLength={128} />
      </Form.Item>
    </FormModal>
  );
}

function grantLabel(grant: ConsumerGrant, t: ReturnType<typeof useI18n>['t']): string {
  const what = grant.namespaceName
    ? `${grant.appId} / ${grant.namespaceName}`
    : t('consumers.wholeApp', { appId: grant.appId });
  return `${what} · ${grant.env || t('consumers.everyEnv')}`;
}

/** Apollo's Open API consumers (super administrators): who may call /openapi/v1, with what. */
export function ConsumersPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const envs = useEnvironments();
  const [creating, setCreating] = useState(false);
  const [granting, setGranting] = useState<Consumer>();
  const [transferring, setTransferring] = useState<Consumer>();
  const [token, setToken] = useState<{ consumer: string; token: string }>();
  const [error, setError] = useState<string>();
  const consumers = useQuery({ queryKey: ['consumers'], queryFn: () => api<Consumer[]>('/api/consumers') });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['consumers'] });
  const act = useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: async () => {
      setError(undefined);
      await refresh();
    },
    onError: (caught) => setError(describeError(caught, t)),
  });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('consumers.title')}
        </Typography.Title>
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('consumers.create')}
        </Button>
      </Space>
      <Typography.Text type="secondary">{t('consumers.hint')}</Typography.Text>
      {(consumers.error || error) && (
        <Alert type="error" showIcon role="alert" message={error ?? describeError(consumers.error, t)} />
      )}
      <Table<Consumer>
        rowKey="id"
        loading={consumers.isPending}
        dataSource={consumers.data}
        locale={{ emptyText: t('consumers.empty') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(consumer) => ({ 'data-consumer': consumer.appId }) as object}
        columns={[
          { title: t('consumers.appId'), dataIndex: 'appId' },
          { title: t('apps.name'), dataIndex: 'name' },
          { title: t('apps.owner'), dataIndex: 'ownerName' },
          {
            title: t('consumers.rateLimit'),
            dataIndex: 'rateLimit',
            render: (limit: number) =>
              limit > 0 ? t('consumers.perSecond', { limit }) : t('consumers.unlimited'),
          },
          {
            title: t('consumers.grants'),
            render: (_, consumer) => (
              <Space wrap size={4}>
                {consumer.grants.map((grant) => (
                  <Tag
                    key={grant.id}
                    closable
                    data-testid="consumer-grant"
                    closeIcon={
                      <span aria-label={t('consumers.revokeGrant', { grant: grantLabel(grant, t) })}>×</span>
                    }
                    onClose={(event) => {
                      event.preventDefault();
                      act.mutate(() =>
                        api(`/api/consumers/${consumer.id}/grants/${grant.id}`, { method: 'DELETE' }),
                      );
                    }}
                  >
                    {grantLabel(grant, t)}
                  </Tag>
                ))}
                {consumer.allowCreateApplication && <Tag color="blue">{t('consumers.mayCreateApps')}</Tag>}
              </Space>
            ),
          },
          {
            title: '',
            render: (_, consumer) => (
              <Space wrap size={4}>
                <Button size="small" onClick={() => setGranting(consumer)}>
                  {t('consumers.grant')}
                </Button>
                <Button
                  size="small"
                  aria-label={t('consumers.transferOwner', { consumer: consumer.appId })}
                  onClick={() => setTransferring(consumer)}
                >
                  {t('owner.button')}
                </Button>
                <Button
                  size="small"
                  onClick={() =>
                    act.mutate(async () => {
                      const answer = await api<{ token: string }>(`/api/consumers/${consumer.id}/tokens`, {
                        method: 'POST',
                      });
                      setToken({ consumer: consumer.appId, token: answer.token });
                    })
                  }
                >
                  {t('consumers.newToken')}
                </Button>
                <Popconfirm
                  title={t('consumers.revokeTokensConfirm', { consumer: consumer.appId })}
                  okText={t('consumers.revokeTokens')}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    act.mutate(() => api(`/api/consumers/${consumer.id}/tokens`, { method: 'DELETE' }))
                  }
                >
                  <Button size="small">{t('consumers.revokeTokens')}</Button>
                </Popconfirm>
                <Popconfirm
                  title={t('consumers.deleteConfirm', { consumer: consumer.appId })}
                  okText={t('common.delete')}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    act.mutate(() => api(`/api/consumers/${consumer.id}`, { method: 'DELETE' }))
                  }
                >
                  <Button size="small" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <FormModal<ConsumerFields, Consumer & { token: string }>
        open={creating}
        title={t('consumers.create')}
        okText={t('consumers.create')}
        onClose={() => setCreating(false)}
        fields={['appId', 'name', 'ownerName', 'ownerEmail', 'orgId', 'rateLimit']}
        initialValues={{ rateLimit: 0 }}
        submit={(fields) =>
          api<Consumer & { token: string }>('/api/consumers', {
            method: 'POST',
            body: {
              appId: fields.appId.trim(),
              name: fields.name.trim(),
              ownerName: fields.ownerName.trim(),
              ownerEmail: fields.ownerEmail?.trim() || undefined,
              orgId: fields.orgId?.trim() || undefined,
              rateLimit: fields.rateLimit ?? 0,
              allowCreateApplication: fields.allowCreateApplication ?? false,
            },
          })
        }
        onDone={async (created) => {
          setToken({ consumer: created.appId, token: created.token });
          await refresh();
        }}
      >
        <Form.Item
          name="appId"
          label={t('consumers.appId')}
          extra={t('consumers.appIdHint')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input autoFocus maxLength={64} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('apps.name')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input maxLength={128} />
        </Form.Item>
        <Form.Item
          name="ownerName"
          label={t('apps.owner')}
          extra={t('consumers.ownerHint')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="ownerEmail" label={t('users.email')}>
          <Input type="email" maxLength={128} />
        </Form.Item>
        <Form.Item name="orgId" label={t('apps.org')}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="rateLimit" label={t('consumers.rateLimit')} extra={t('consumers.rateLimitHint')}>
          <InputNumber min={0} max={100_000} precision={0} />
        </Form.Item>
        <Form.Item name="allowCreateApplication" valuePropName="checked">
          <Checkbox>{t('consumers.mayCreateApps')}</Checkbox>
        </Form.Item>
      </FormModal>
      <FormModal<GrantFields>
        open={granting !== undefined}
        title={t('consumers.grantTitle', { consumer: granting?.appId ?? '' })}
        okText={t('consumers.grant')}
        onClose={() => setGranting(undefined)}
        fields={['appId', 'namespaceName', 'env']}
        submit={(fields) =>
          api(`/api/consumers/${granting!.id}/grants`, {
            method: 'POST',
            body: {
              appId: fields.appId.trim(),
              namespaceName: fields.namespaceName?.trim() || undefined,
              env: fields.env || undefined,
            },
          })
        }
        onDone={refresh}
      >
        <Form.Item
          name="appId"
          label={t('apps.appId')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input autoFocus maxLength={64} />
        </Form.Item>
        <Form.Item name="namespaceName" label={t('search.namespace')} extra={t('consumers.namespaceHint')}>
          <Input maxLength={128} />
        </Form.Item>
        <Form.Item name="env" label={t('app.env')} extra={t('consumers.envHint')}>
          <Select
            allowClear
            aria-label={t('app.env')}
            placeholder={t('consumers.everyEnv')}
            options={envs.data?.map((env) => ({ value: env.env, label: env.env }))}
          />
        </Form.Item>
      </FormModal>
      <TransferConsumerOwnerModal consumer={transferring} onClose={() => setTransferring(undefined)} />
      <TokenModal token={token} onClose={() => setToken(undefined)} />
    </Space>
  );
}
