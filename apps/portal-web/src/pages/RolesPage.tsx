import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, seg } from '../api/client';
import { describeError } from '../api/describe-error';
import { useEnvironments } from '../api/queries';
import type { MyPermissions, RoleGrant, RoleName } from '../api/types';
import { showErrorOnForm } from '../components/form-errors';
import { useI18n } from '../i18n/i18n';

const ROLES: RoleName[] = [
  'Master',
  'ModifyNamespace',
  'ReleaseNamespace',
  'ModifyNamespacesInCluster',
  'ReleaseNamespacesInCluster',
  'RevealSecrets',
];

interface GrantFields {
  username: string;
  role: RoleName;
  env?: string;
  cluster?: string;
  namespace?: string;
}

export function RolesPage() {
  const { appId = '' } = useParams();
  const { t } = useI18n();
  const [form] = Form.useForm<GrantFields>();
  const [error, setError] = useState<string>();
  const queryClient = useQueryClient();
  const envs = useEnvironments();
  const roles = useQuery({
    queryKey: ['roles', appId],
    queryFn: () => api<RoleGrant[]>(`/api/apps/${seg(appId)}/roles`),
  });
  const mine = useQuery({
    queryKey: ['permissions', appId],
    queryFn: () => api<MyPermissions>(`/api/apps/${seg(appId)}/permissions`),
  });
  const canManage = mine.data?.isMaster || mine.data?.isSuperAdmin;
  const role = Form.useWatch('role', form);
  const grant = useMutation({
    mutationFn: (fields: GrantFields) =>
      api(`/api/apps/${seg(appId)}/roles`, {
        method: 'POST',
        body: {
          username: fields.username.trim(),
          role: fields.role,
          env: fields.env || undefined,
          cluster: fields.cluster?.trim() || undefined,
          namespace: fields.namespace?.trim() || undefined,
        },
      }),
    onSuccess: async () => {
      setError(undefined);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['roles', appId] });
    },
    onError: (caught) =>
      setError(showErrorOnForm(form, caught, t, ['username', 'role', 'env', 'cluster', 'namespace'])),
  });
  const revoke = useMutation({
    mutationFn: (id: number) => api(`/api/apps/${seg(appId)}/roles/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['roles', appId] }),
    onError: (caught) => setError(describeError(caught, t)),
  });
  const needsNamespace =
    role === 'ModifyNamespace' || role === 'ReleaseNamespace' || role === 'RevealSecrets';
  const needsCluster = role === 'ModifyNamespacesInCluster' || role === 'ReleaseNamespacesInCluster';

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        <Link to={`/apps/${seg(appId)}`}>{appId}</Link> · {t('roles.title', { appId })}
      </Typography.Title>
      {(roles.error || error) && (
        <Alert type="error" showIcon message={error ?? describeError(roles.error, t)} role="alert" />
      )}
      {canManage && (
        <Form form={form} layout="inline" onFinish={(fields) => grant.mutate(fields)}>
          <Form.Item name="username" rules={[{ required: true, message: t('common.required') }]}>
            <Input placeholder={t('roles.user')} aria-label={t('roles.user')} />
          </Form.Item>
          <Form.Item name="role" rules={[{ required: true, message: t('common.required') }]}>
            <Select
              style={{ width: 280 }}
              placeholder={t('roles.role')}
              aria-label={t('roles.role')}
              options={ROLES.map((name) => ({ value: name, label: t(`roles.${name}`) }))}
            />
          </Form.Item>
          {(needsNamespace || needsCluster) && (
            <Form.Item
              name="env"
              rules={needsCluster ? [{ required: true, message: t('common.required') }] : []}
            >
              <Select
                allowClear
                style={{ width: 160 }}
                placeholder={needsCluster ? t('app.env') : t('roles.anyEnv')}
                aria-label={t('app.env')}
                options={envs.data?.map((env) => ({ value: env.env, label: env.env }))}
              />
            </Form.Item>
          )}
          {needsCluster && (
            <Form.Item name="cluster" rules={[{ required: true, message: t('common.required') }]}>
              <Input placeholder={t('app.cluster')} aria-label={t('app.cluster')} />
            </Form.Item>
          )}
          {needsNamespace && (
            <Form.Item
              name="namespace"
              rules={role === 'RevealSecrets' ? [] : [{ required: true, message: t('common.required') }]}
            >
              <Input
                placeholder={role === 'RevealSecrets' ? t('roles.anyNamespace') : t('app.namespaceName')}
                aria-label={t('app.namespaceName')}
              />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" loading={grant.isPending}>
            {t('roles.grant')}
          </Button>
        </Form>
      )}
      <Table<RoleGrant>
        rowKey="id"
        loading={roles.isPending}
        dataSource={roles.data}
        pagination={false}
        columns={[
          { title: t('roles.user'), dataIndex: 'username' },
          { title: t('roles.role'), dataIndex: 'role', render: (name: RoleName) => t(`roles.${name}`) },
          {
            title: t('roles.scope'),
            render: (_, grant) => (
              <Space size={4} wrap>
                {grant.env ? (
                  <Tag>{grant.env}</Tag>
                ) : (
                  grant.role !== 'Master' && <Tag>{t('roles.anyEnv')}</Tag>
                )}
                {grant.clusterName && <Tag color="blue">{grant.clusterName}</Tag>}
                {grant.namespaceName && <Tag color="purple">{grant.namespaceName}</Tag>}
              </Space>
            ),
          },
          {
            title: t('ns.actions'),
            render: (_, grant) =>
              canManage && (
                <Popconfirm title={`${t('roles.revoke')}?`} onConfirm={() => revoke.mutate(grant.id)}>
                  <Button size="small" danger>
                    {t('roles.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Space>
  );
}
