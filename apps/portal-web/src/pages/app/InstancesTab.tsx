import { useQuery } from '@tanstack/react-query';
import { Alert, Table, Typography } from 'antd';
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
  config?: { releaseKey: string; releaseDeliveryTime: string; dataChangeLastModifiedTime: string };
}

/** The clients that read this namespace, and which release each one has. */
export function InstancesTab({ ns }: { ns: NamespaceContext }) {
  const { t, formatDate } = useI18n();
  const instances = useQuery({
    queryKey: namespaceKey(ns, 'instances'),
    queryFn: () => api<Page<Instance>>(`${ns.path}/instances`, { query: { size: 100 } }),
  });
  if (instances.error) return <Alert type="error" showIcon message={describeError(instances.error, t)} />;
  return (
    <Table<Instance>
      rowKey={(row) => `${row.appId}/${row.clusterName}/${row.dataCenter}/${row.ip}`}
      size="small"
      loading={instances.isPending}
      dataSource={instances.data?.content}
      locale={{ emptyText: t('instances.empty') }}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      columns={[
        { title: t('instances.ip'), dataIndex: 'ip' },
        { title: t('instances.app'), dataIndex: 'appId' },
        { title: t('app.cluster'), dataIndex: 'clusterName' },
        { title: t('instances.dataCenter'), dataIndex: 'dataCenter' },
        {
          title: t('instances.releaseKey'),
          render: (_, row) => <Typography.Text code>{row.config?.releaseKey}</Typography.Text>,
        },
        {
          title: t('instances.deliveredAt'),
          render: (_, row) => formatDate(row.config?.releaseDeliveryTime),
        },
      ]}
    />
  );
}
