import { useQuery } from '@tanstack/react-query';
import { Alert, Input, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { describeError } from '../api/describe-error';
import type { AuditEntry, Page } from '../api/types';
import { useI18n } from '../i18n/i18n';

export function AuditPage() {
  const { t, formatDate } = useI18n();
  const [page, setPage] = useState(0);
  const [typed, setTyped] = useState({ username: '', env: '', appId: '' });
  // The log is asked again once typing pauses, not at every key.
  const [filters, setFilters] = useState(typed);
  useEffect(() => {
    const applied = {
      username: typed.username.trim(),
      env: typed.env.trim(),
      appId: typed.appId.trim(),
    };
    if (JSON.stringify(applied) === JSON.stringify(filters)) return;
    const timer = setTimeout(() => {
      setPage(0);
      setFilters(applied);
    }, 300);
    return () => clearTimeout(timer);
  }, [typed, filters]);
  const size = 50;
  const audit = useQuery({
    queryKey: ['audit', page, filters],
    queryFn: () =>
      api<Page<AuditEntry>>('/api/audit', {
        query: {
          page,
          size,
          username: filters.username || undefined,
          env: filters.env || undefined,
          appId: filters.appId || undefined,
        },
      }),
  });
  const filter = (name: keyof typeof filters, label: string) => (
    <Input
      type="search"
      placeholder={label}
      aria-label={label}
      style={{ width: 200 }}
      value={typed[name]}
      onChange={(event) => setTyped((current) => ({ ...current, [name]: event.target.value }))}
    />
  );
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <Space wrap>
        {filter('username', t('audit.user'))}
        {filter('env', t('audit.env'))}
        {filter('appId', t('audit.app'))}
      </Space>
      {audit.error && <Alert type="error" showIcon message={describeError(audit.error, t)} />}
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        expandable={{
          rowExpandable: (entry) => entry.before != null || entry.after != null,
          expandedRowRender: (entry) => (
            <Space align="start" wrap style={{ width: '100%' }}>
              {(['before', 'after'] as const).map((side) => (
                <div key={side} style={{ minWidth: 360 }}>
                  <Typography.Text type="secondary">{t(`audit.${side}`)}</Typography.Text>
                  <pre
                    style={{
                      margin: 0,
                      fontSize: 12,
                      whiteSpace: 'pre-wrap',
                      maxHeight: 320,
                      overflow: 'auto',
                    }}
                  >
                    {entry[side] == null ? '—' : JSON.stringify(entry[side], null, 2)}
                  </pre>
                </div>
              ))}
            </Space>
          ),
        }}
        loading={audit.isPending}
        dataSource={audit.data?.content}
        pagination={{
          current: page + 1,
          pageSize: size,
          total: audit.data?.total ?? 0,
          showSizeChanger: false,
          onChange: (next) => setPage(next - 1),
        }}
        columns={[
          {
            title: t('audit.at'),
            dataIndex: 'createdAt',
            render: (value: string) => formatDate(value),
            width: 200,
          },
          { title: t('audit.user'), dataIndex: 'username', width: 140 },
          {
            title: t('audit.action'),
            render: (_, entry) => (
              <span>
                <Tag>{entry.method}</Tag>
                <Typography.Text code>{entry.path}</Typography.Text>
              </span>
            ),
          },
          {
            title: t('audit.entity'),
            width: 160,
            render: (_, entry) => [entry.action, entry.entity].filter(Boolean).join(' · '),
          },
          { title: t('audit.env'), dataIndex: 'env', width: 90 },
          { title: t('audit.app'), dataIndex: 'appId', width: 140 },
          {
            title: t('audit.status'),
            dataIndex: 'status',
            width: 90,
            render: (status: number) => <Tag color={status < 400 ? 'green' : 'red'}>{status}</Tag>,
          },
        ]}
      />
    </Space>
  );
}
