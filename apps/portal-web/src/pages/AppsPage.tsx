import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, seg } from '../api/client';
import { describeError } from '../api/describe-error';
import { useCurrentEnv } from '../api/queries';
import type { App, Favourite } from '../api/types';
import { EnvPicker } from '../components/EnvPicker';
import { FormModal } from '../components/FormModal';
import { useI18n } from '../i18n/i18n';
import { recentAppsKey, type RecentApp } from '../recent';
import { useUser } from '../session';

interface CreateAppFields {
  appId: string;
  name: string;
  orgId?: string;
  ownerName?: string;
  admins?: string;
}

function CreateAppModal({ env, open, onClose }: { env: string; open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const user = useUser();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return (
    <FormModal<CreateAppFields, App>
      open={open}
      title={t('apps.create')}
      okText={t('apps.create')}
      onClose={onClose}
      fields={['appId', 'name', 'orgId', 'ownerName', 'admins']}
      initialValues={{ ownerName: user.username }}
      submit={(fields) =>
        api<App>(`/api/envs/${seg(env)}/apps`, {
          method: 'POST',
          body: {
            appId: fields.appId.trim(),
            name: fields.name.trim(),
            orgId: fields.orgId?.trim() || undefined,
            ownerName: fields.ownerName?.trim() || undefined,
            admins: fields.admins
              ?.split(',')
              .map((name) => name.trim())
              .filter(Boolean),
          },
        })
      }
      onDone={async (app) => {
        await queryClient.invalidateQueries({ queryKey: ['apps', env] });
        navigate(`/apps/${seg(app.appId)}?env=${seg(env)}`);
      }}
    >
      <Form.Item
        name="appId"
        label={t('apps.appId')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Input autoFocus />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('apps.name')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="orgId" label={t('apps.org')}>
        <Input />
      </Form.Item>
      <Form.Item name="ownerName" label={t('apps.owner')}>
        <Input />
      </Form.Item>
      <Form.Item name="admins" label={t('apps.admins')} extra={t('apps.adminsHint')}>
        <Input />
      </Form.Item>
    </FormModal>
  );
}

export function AppsPage() {
  const { t, formatDate } = useI18n();
  const [env, setEnv] = useCurrentEnv();
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const searchBox = useRef<HTMLInputElement>(null);
  const apps = useQuery({
    queryKey: ['apps', env],
    queryFn: () => api<App[]>(`/api/envs/${seg(env!)}/apps`),
    enabled: env !== undefined,
  });
  const recent =
    useQuery({
      queryKey: recentAppsKey,
      queryFn: () => api<RecentApp[]>('/api/me/recent-apps'),
    }).data ?? [];
  const queryClient = useQueryClient();
  const favourites = useQuery({
    queryKey: ['favourites'],
    queryFn: () => api<Favourite[]>('/api/me/favourites'),
  });
  const favourite = new Set(favourites.data?.map((entry) => entry.appId));
  const [favouriteError, setFavouriteError] = useState<string>();
  const toggleFavourite = useMutation({
    mutationFn: ({ appId, mark }: { appId: string; mark: boolean }) =>
      api(`/api/me/favourites/${seg(appId)}`, { method: mark ? 'PUT' : 'DELETE' }),
    onSuccess: () => {
      setFavouriteError(undefined);
      return queryClient.invalidateQueries({ queryKey: ['favourites'] });
    },
    onError: (caught) => setFavouriteError(describeError(caught, t)),
  });
  const appLink = (appId: string) => `/apps/${seg(appId)}${env ? `?env=${seg(env)}` : ''}`;

  // "/" jumps to the search box, as on most consoles, unless one is typing somewhere already.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing =
        target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
      if (event.key === '/' && !typing) {
        event.preventDefault();
        searchBox.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const all = apps.data ?? [];
    if (!needle) return all;
    return all.filter((app) =>
      [app.appId, app.name, app.ownerName, app.orgId].some((field) => field?.toLowerCase().includes(needle)),
    );
  }, [apps.data, search]);

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('apps.title')}
        </Typography.Title>
        <Space wrap>
          <EnvPicker value={env} onChange={setEnv} />
          <Input
            type="search"
            ref={(input) => {
              searchBox.current = input?.input ?? null;
            }}
            placeholder={t('apps.search')}
            aria-label={t('apps.search')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            style={{ width: 360 }}
          />
          <Button type="primary" onClick={() => setCreating(true)} disabled={!env}>
            {t('apps.create')}
          </Button>
        </Space>
      </Space>
      <Space wrap data-testid="favourites">
        <Typography.Text type="secondary">{t('apps.favourites')}:</Typography.Text>
        {(favourites.data ?? []).map(({ appId }) => (
          <Link key={appId} to={appLink(appId)}>
            <Tag color="gold">★ {appId}</Tag>
          </Link>
        ))}
        {favourites.data?.length === 0 && (
          <Typography.Text type="secondary">{t('apps.noFavourites')}</Typography.Text>
        )}
      </Space>
      {favouriteError && <Alert type="error" showIcon message={favouriteError} role="alert" />}
      {favourites.error && <Alert type="error" showIcon message={describeError(favourites.error, t)} />}
      {recent.length > 0 && (
        <Space wrap data-testid="recent-apps">
          <Typography.Text type="secondary">{t('apps.recent')}:</Typography.Text>
          {recent.map(({ appId }) => (
            <Link key={appId} to={appLink(appId)}>
              <Tag color="blue">{appId}</Tag>
            </Link>
          ))}
        </Space>
      )}
      {apps.error && <Alert type="error" showIcon message={describeError(apps.error, t)} />}
      <Table<App>
        rowKey="appId"
        loading={apps.isPending && env !== undefined}
        dataSource={shown}
        locale={{ emptyText: t('apps.empty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: t('apps.favourite'),
            width: 64,
            render: (_, app) => {
              const marked = favourite.has(app.appId);
              return (
                <Button
                  type="text"
                  size="small"
                  aria-pressed={marked}
                  aria-label={t(marked ? 'apps.unfavourite' : 'apps.markFavourite', { appId: app.appId })}
                  title={t(marked ? 'apps.unfavourite' : 'apps.markFavourite', { appId: app.appId })}
                  style={{ color: marked ? '#faad14' : undefined }}
                  onClick={() => toggleFavourite.mutate({ appId: app.appId, mark: !marked })}
                >
                  {marked ? '★' : '☆'}
                </Button>
              );
            },
          },
          {
            title: t('apps.appId'),
            dataIndex: 'appId',
            sorter: (a, b) => a.appId.localeCompare(b.appId),
            render: (appId: string) => (
              <Link to={`/apps/${seg(appId)}?env=${seg(env ?? '')}`} aria-label={t('apps.open', { appId })}>
                {appId}
              </Link>
            ),
          },
          { title: t('apps.name'), dataIndex: 'name' },
          { title: t('apps.owner'), dataIndex: 'ownerName' },
          { title: t('apps.org'), dataIndex: 'orgId' },
          {
            title: t('apps.created'),
            dataIndex: 'dataChangeCreatedTime',
            render: (value: string) => formatDate(value),
          },
        ]}
      />
      {env && <CreateAppModal env={env} open={creating} onClose={() => setCreating(false)} />}
    </Space>
  );
}
