import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Checkbox,
  Form,
  Input,
  Popconfirm,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, seg } from '../api/client';
import { describeError } from '../api/describe-error';
import type { RoleGrant, User } from '../api/types';
import { FormModal } from '../components/FormModal';
import { useI18n } from '../i18n/i18n';
import { useUser } from '../session';

interface NewUser {
  username: string;
  password: string;
  displayName?: string;
  email?: string;
  isSuperAdmin?: boolean;
}

function CreateUserModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  return (
    <FormModal<NewUser, User>
      open={open}
      title={t('users.create')}
      okText={t('users.create')}
      onClose={onClose}
      fields={['username', 'password', 'displayName', 'email']}
      submit={(body) => api<User>('/api/users', { method: 'POST', body })}
      onDone={() => queryClient.invalidateQueries({ queryKey: ['users'] })}
    >
      <Form.Item
        name="username"
        label={t('users.username')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Input autoFocus autoComplete="off" />
      </Form.Item>
      <Form.Item name="displayName" label={t('users.displayName')}>
        <Input />
      </Form.Item>
      <Form.Item name="email" label={t('users.email')}>
        <Input type="email" />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('users.password')}
        rules={[{ required: true, min: 12, max: 128, message: t('users.password') }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="isSuperAdmin" valuePropName="checked">
        <Checkbox>{t('users.superAdmin')}</Checkbox>
      </Form.Item>
    </FormModal>
  );
}

export function UsersPage() {
  const { t } = useI18n();
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string>();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: () => api<User[]>('/api/users') });
  const creators = useQuery({
    queryKey: ['creators'],
    queryFn: () => api<RoleGrant[]>('/api/roles/create-application'),
  });
  const mayCreate = new Set(creators.data?.map((grant) => grant.username));
  const me = useUser();
  const { message } = AntApp.useApp();
  const remove = useMutation({
    mutationFn: (username: string) => api(`/api/users/${seg(username)}`, { method: 'DELETE' }),
    onSuccess: async (_, username) => {
      setError(undefined);
      void message.success(t('users.deleted', { username }));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['users'] }),
        queryClient.invalidateQueries({ queryKey: ['creators'] }),
      ]);
    },
    onError: (caught) => setError(describeError(caught, t)),
  });
  const toggle = useMutation({
    mutationFn: ({ username, allow }: { username: string; allow: boolean }) =>
      allow
        ? api('/api/roles/create-application', { method: 'POST', body: { username } })
        : api(`/api/roles/create-application/${seg(username)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['creators'] }),
    onError: (caught) => setError(describeError(caught, t)),
  });
  const enable = useMutation({
    mutationFn: ({ username, enabled }: { username: string; enabled: boolean }) =>
      api<User>(`/api/users/${seg(username)}/enabled`, { method: 'PUT', body: { enabled } }),
    onSuccess: async (user) => {
      setError(undefined);
      void message.success(
        t(user.isEnabled ? 'users.enabledNow' : 'users.disabledNow', { username: user.username }),
      );
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (caught) => setError(describeError(caught, t)),
  });
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('users.title')}
        </Typography.Title>
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('users.create')}
        </Button>
      </Space>
      {(users.error || error) && (
        <Alert type="error" showIcon role="alert" message={error ?? describeError(users.error, t)} />
      )}
      <Table<User>
        rowKey="username"
        loading={users.isPending}
        dataSource={users.data}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          { title: t('users.email'), dataIndex: 'email' },
          {
            title: t('users.superAdmin'),
            dataIndex: 'isSuperAdmin',
            render: (value: boolean) => (value ? t('common.yes') : t('common.no')),
          },
          {
            title: t('users.enabled'),
            render: (_, user) => (
              <Switch
                size="small"
                aria-label={`${t('users.enabled')}: ${user.username}`}
                checked={user.isEnabled}
                // Nobody locks themselves out.
                disabled={user.username === me.username}
                onChange={(enabled) => enable.mutate({ username: user.username, enabled })}
              />
            ),
          },
          {
            title: t('users.canCreateApps'),
            render: (_, user) => (
              <Switch
                size="small"
                aria-label={`${t('users.canCreateApps')}: ${user.username}`}
                checked={user.isSuperAdmin || mayCreate.has(user.username)}
                disabled={user.isSuperAdmin}
                onChange={(allow) => toggle.mutate({ username: user.username, allow })}
              />
            ),
          },
          {
            title: t('ns.actions'),
            width: 110,
            render: (_, user) =>
              user.username === me.username ? null : (
                <Popconfirm
                  title={t('users.deleteConfirm', { username: user.username })}
                  okText={t('common.delete')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => remove.mutateAsync(user.username).catch(() => undefined)}
                >
                  <Button size="small" danger aria-label={t('users.delete', { username: user.username })}>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
    </Space>
  );
}
