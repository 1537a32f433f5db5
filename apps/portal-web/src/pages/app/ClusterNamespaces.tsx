import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, seg } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { useI18n } from '../../i18n/i18n';
import { describeDeletionRefusal } from './deletion-refusal';
import { namespacesKey, type NamespaceContext } from './namespace-context';

const clusterPath = (env: string, appId: string, cluster: string) =>
  `/api/envs/${seg(env)}/apps/${seg(appId)}/clusters/${seg(cluster)}`;

export const missingNamespacesKey = (env: string, appId: string, cluster: string) => [
  'missing-namespaces',
  env,
  appId,
  cluster,
];

/**
 * An app master's "delete from this cluster": the namespace goes from this cluster of this
 * environment only (`DELETE …/namespaces/{ns}`), after a confirmation that says what goes with it.
 * The server's refusals are shown in the dialog in words.
 */
export function DeleteFromCluster({ ns, onDeleted }: { ns: NamespaceContext; onDeleted(): void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  const values = { namespace: ns.namespace.namespaceName, cluster: ns.cluster, env: ns.env };
  const remove = useMutation({
    mutationFn: () => api(ns.path, { method: 'DELETE' }),
    onSuccess: async () => {
      setOpen(false);
      onDeleted();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: namespacesKey(ns.env, ns.appId, ns.cluster) }),
        queryClient.invalidateQueries({ queryKey: missingNamespacesKey(ns.env, ns.appId, ns.cluster) }),
      ]);
    },
    onError: (caught) => setError(describeDeletionRefusal(caught, t)),
  });
  return (
    <>
      <Button
        danger
        onClick={() => {
          setError(undefined);
          setOpen(true);
        }}
      >
        {t('clusterNs.delete')}
      </Button>
      <Modal
        open={open}
        title={t('clusterNs.deleteTitle', values)}
        okText={t('clusterNs.deleteOk')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        confirmLoading={remove.isPending}
        onOk={() => {
          setError(undefined);
          remove.mutate();
        }}
        onCancel={() => setOpen(false)}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph data-testid="delete-from-cluster-hint">
            {t('clusterNs.deleteHint', values)}
          </Typography.Paragraph>
          {error && <Alert type="error" showIcon message={error} role="alert" />}
        </Space>
      </Modal>
    </>
  );
}

/**
 * The app's private namespaces this cluster lacks (deleted from it alone), shown to app masters
 * with an action that makes them all here (`POST …/missing-namespaces`).
 */
export function MissingNamespacesNotice({
  env,
  appId,
  cluster,
}: {
  env: string;
  appId: string;
  cluster: string;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string>();
  const missing = useQuery({
    queryKey: missingNamespacesKey(env, appId, cluster),
    queryFn: () => api<string[]>(`${clusterPath(env, appId, cluster)}/missing-namespaces`),
  });
  const create = useMutation({
    mutationFn: () =>
      api<string[]>(`${clusterPath(env, appId, cluster)}/missing-namespaces`, { method: 'POST' }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: missingNamespacesKey(env, appId, cluster) }),
        queryClient.invalidateQueries({ queryKey: namespacesKey(env, appId, cluster) }),
      ]),
    onError: (caught) => setError(describeError(caught, t)),
  });
  if (!missing.data || missing.data.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="missing-namespaces"
      message={t('clusterNs.missing', { cluster, env })}
      description={
        <Space direction="vertical">
          <Space wrap size={4}>
            {missing.data.map((name) => (
              <Tag key={name}>{name}</Tag>
            ))}
          </Space>
          <Typography.Text type="secondary">{t('clusterNs.missingHint')}</Typography.Text>
          {error && <Typography.Text type="danger">{error}</Typography.Text>}
        </Space>
      }
      action={
        <Button size="small" type="primary" loading={create.isPending} onClick={() => create.mutate()}>
          {t('clusterNs.createMissing')}
        </Button>
      }
    />
  );
}
