import { useQuery } from '@tanstack/react-query';
import { Alert, Checkbox, Space, Table, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { api } from '../../api/client';
import { describeError } from '../../api/describe-error';
import type { Page } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { namespaceKey, type NamespaceContext } from './namespace-context';

interface Instance {
  appId: string;
  clusterName: string;
  dataCenter: string;
  ip: string;
  /** The label of its `/configs` reads; '' (or absent, from an older server) for none. */
  label?: string;
  config?: { releaseKey: string; releaseDeliveryTime: string; dataChangeLastModifiedTime: string };
}

const keyOf = (row: Instance) =>
  JSON.stringify([row.appId, row.clusterName, row.dataCenter, row.ip, row.label ?? '']);

/**
 * The clients that read this namespace, which release each one has, and who still holds an older
 * one than the latest (`…/instances/not-on-latest-release`), marked and to be listed alone.
 */
export function InstancesTab({ ns }: { ns: NamespaceContext }) {
  const { t, formatDate } = useI18n();
  const [onlyBehind, setOnlyBehind] = useState(false);
  const instances = useQuery({
    queryKey: namespaceKey(ns, 'instances'),
    queryFn: () => api<Page<Instance>>(`${ns.path}/instances`, { query: { size: 100 } }),
  });
  const behind = useQuery({
    queryKey: namespaceKey(ns, 'instances-behind'),
    queryFn: () =>
      api<Page<Instance>>(`${ns.path}/instances/not-on-latest-release`, { query: { size: 100 } }),
  });
  const error = instances.error ?? behind.error;
  if (error) return <Alert type="error" showIcon message={describeError(error, t)} />;
  const olderKeys = new Set((behind.data?.content ?? []).map(keyOf));
  const all = instances.data?.content ?? [];
  const total = Math.max(instances.data?.total ?? all.length, all.length);
  const behindCount = behind.data?.total ?? olderKeys.size;
  const rows = onlyBehind ? (behind.data?.content ?? []) : all;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {instances.data && behind.data && total > 0 && (
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Text type={behindCount > 0 ? 'warning' : 'secondary'} data-testid="instances-summary">
            {behindCount > 0
              ? t('instances.someBehind', { count: behindCount, total })
              : t('instances.allOnLatest')}
          </Typography.Text>
          <Checkbox checked={onlyBehind} onChange={(event) => setOnlyBehind(event.target.checked)}>
            {t('instances.onlyBehind')}
          </Checkbox>
        </Space>
      )}
      <Table<Instance>
        rowKey={keyOf}
        size="small"
        loading={instances.isPending || behind.isPending}
        dataSource={rows}
        locale={{ emptyText: t('instances.empty') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(row) =>
          ({ 'data-ip': row.ip, 'data-behind': olderKeys.has(keyOf(row)) }) as HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: t('instances.ip'), dataIndex: 'ip' },
          { title: t('instances.label'), dataIndex: 'label' },
          { title: t('instances.app'), dataIndex: 'appId' },
          { title: t('app.cluster'), dataIndex: 'clusterName' },
          { title: t('instances.dataCenter'), dataIndex: 'dataCenter' },
          {
            title: t('instances.releaseKey'),
            render: (_, row) => (
              <Space size={4} wrap>
                <Typography.Text code>{row.config?.releaseKey}</Typography.Text>
                {olderKeys.has(keyOf(row)) && <Tag color="warning">{t('instances.behind')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('instances.deliveredAt'),
            render: (_, row) => formatDate(row.config?.releaseDeliveryTime),
          },
        ]}
      />
    </Space>
  );
}
