import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { api, seg } from '../api/client';
import { describeError } from '../api/describe-error';
import type { SearchAnswer, SearchHit } from '../api/types';
import { useI18n } from '../i18n/i18n';

/**
 * Apollo's global search: keys by prefix and values by substring across every app and
 * environment. The criteria are in the address (`?key=&value=`), so a search can be shared.
 */
export function SearchPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const key = params.get('key') ?? '';
  const value = params.get('value') ?? '';
  const asked = key.trim() !== '' || value.trim() !== '';
  const search = useQuery({
    queryKey: ['search', key, value],
    queryFn: () =>
      api<SearchAnswer>('/api/search/items', {
        query: { key: key.trim() ? key : undefined, value: value.trim() ? value : undefined },
      }),
    enabled: asked,
  });
  const [form] = Form.useForm<{ key?: string; value?: string }>();

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('search.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('search.hint')}</Typography.Text>
      <Form
        form={form}
        layout="inline"
        initialValues={{ key, value }}
        onFinish={(fields) => {
          const next = new URLSearchParams();
          if (fields.key?.trim()) next.set('key', fields.key);
          if (fields.value?.trim()) next.set('value', fields.value);
          setParams(next);
        }}
      >
        <Form.Item name="key" label={t('search.key')}>
          <Input allowClear style={{ width: 260 }} maxLength={128} autoFocus />
        </Form.Item>
        <Form.Item name="value" label={t('search.value')}>
          <Input allowClear style={{ width: 320 }} maxLength={256} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {t('search.submit')}
          </Button>
        </Form.Item>
      </Form>
      {search.error && <Alert type="error" showIcon role="alert" message={describeError(search.error, t)} />}
      {search.data?.envs
        .filter((env) => env.status !== 'ok')
        .map((env) => (
          <Alert
            key={env.env}
            type="warning"
            showIcon
            message={t('search.envUnreachable', { env: env.env, reason: env.reason ?? '' })}
          />
        ))}
      {search.data?.envs
        .filter((env) => env.truncated)
        .map((env) => (
          <Alert
            key={`${env.env}-more`}
            type="info"
            showIcon
            message={t('search.truncated', { env: env.env })}
          />
        ))}
      {asked && (
        <Table<SearchHit>
          data-testid="search-results"
          loading={search.isFetching}
          rowKey={(hit) => `${hit.env}/${hit.appId}/${hit.clusterName}/${hit.namespaceName}/${hit.key}`}
          dataSource={search.data?.items}
          locale={{ emptyText: t('search.empty') }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          onRow={(hit) => ({ 'data-key': hit.key, 'data-app': hit.appId, 'data-env': hit.env }) as object}
          columns={[
            { title: t('app.env'), dataIndex: 'env', width: 90 },
            {
              title: t('apps.appId'),
              dataIndex: 'appId',
              render: (appId: string, hit) => (
                <Link
                  to={`/apps/${seg(appId)}?env=${seg(hit.env)}&cluster=${seg(hit.clusterName)}&ns=${seg(hit.namespaceName)}`}
                >
                  {appId}
                </Link>
              ),
            },
            { title: t('app.cluster'), dataIndex: 'clusterName' },
            { title: t('search.namespace'), dataIndex: 'namespaceName' },
            { title: t('search.keyColumn'), dataIndex: 'key', render: (text: string) => <code>{text}</code> },
            {
              title: t('search.valueColumn'),
              dataIndex: 'value',
              render: (text: string | undefined, hit) =>
                hit.valueHidden ? (
                  <Tag>{t('search.valueHidden')}</Tag>
                ) : hit.secret ? (
                  <Tag color="purple">{t('search.secret')}</Tag>
                ) : (
                  <Typography.Text style={{ wordBreak: 'break-all' }}>{text}</Typography.Text>
                ),
            },
          ]}
        />
      )}
    </Space>
  );
}
