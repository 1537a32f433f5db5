import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { api, seg } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { useEnvironments } from '../../api/queries';
import type { Cluster } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { namespaceKey, type NamespaceContext } from './namespace-context';

interface Entry {
  key: string;
  status: string;
  sourceValue?: string;
  targetValue?: string;
}

interface TargetComparison {
  env: string;
  cluster: string;
  status: string;
  reason?: string;
  valuesHidden: boolean;
  entries: Entry[];
}

interface SyncResult {
  env: string;
  cluster: string;
  status: string;
  reason?: string;
  /** The keys created, updated and deleted there. */
  created?: string[];
  updated?: string[];
  deleted?: string[];
}

const COLOURS: Record<string, string> = {
  same: 'default',
  different: 'orange',
  'only-in-source': 'green',
  'only-in-target': 'red',
  'in-both': 'blue',
};

function TargetCard({
  ns,
  target,
  onSynced,
}: {
  ns: NamespaceContext;
  target: TargetComparison;
  onSynced(): void;
}) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const name = `${target.env}:${target.cluster}`;
  const sync = useMutation({
    mutationFn: () =>
      api<SyncResult[]>(`${ns.path}/sync`, {
        method: 'POST',
        body: { targets: [{ env: target.env, cluster: target.cluster }], keys: chosen },
      }),
    onSuccess: (results) => {
      const result = results[0];
      if (result?.status === 'synced' || result?.status === 'unchanged') {
        setError(undefined);
        void message.success(
          t('compare.synced', {
            target: name,
            created: result.created?.length ?? 0,
            updated: result.updated?.length ?? 0,
            deleted: result.deleted?.length ?? 0,
          }),
        );
        setChosen([]);
        onSynced();
      } else {
        setError(
          t('compare.syncFailed', {
            target: name,
            status: result?.status ?? '',
            reason: result?.reason ?? '',
          }),
        );
      }
    },
    onError: (caught) => setError(describeError(caught, t)),
  });
  return (
    <Card size="small" title={name} data-testid="compare-target" data-target={name}>
      {target.status !== 'ok' ? (
        <Alert
          type="warning"
          showIcon
          message={t('compare.targetStatus', {
            target: name,
            status: `${target.status} ${target.reason ?? ''}`,
          })}
        />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {target.valuesHidden && <Alert type="warning" showIcon message={t('ns.hiddenValues')} />}
          <Table<Entry>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={target.entries}
            onRow={(entry) =>
              ({ 'data-key': entry.key, 'data-status': entry.status }) as HTMLAttributes<HTMLElement>
            }
            rowSelection={
              ns.canModify && !target.valuesHidden
                ? {
                    hideSelectAll: false,
                    selectedRowKeys: chosen,
                    onChange: (keys) => setChosen(keys as string[]),
                    getCheckboxProps: (entry) => ({
                      disabled: entry.status === 'same',
                      'aria-label': entry.key,
                    }),
                  }
                : undefined
            }
            columns={[
              {
                title: t('ns.key'),
                dataIndex: 'key',
                render: (key: string) => <Typography.Text strong>{key}</Typography.Text>,
              },
              {
                title: '',
                dataIndex: 'status',
                width: 110,
                render: (status: string) => (
                  <Tag color={COLOURS[status]}>{t(`compare.status.${status}` as MessageKey)}</Tag>
                ),
              },
              {
                title: t('compare.source'),
                dataIndex: 'sourceValue',
                render: (value?: string) => value ?? '—',
              },
              {
                title: t('compare.target'),
                dataIndex: 'targetValue',
                render: (value?: string) => value ?? '—',
              },
            ]}
          />
          {ns.canModify && !target.valuesHidden && (
            <Button
              type="primary"
              disabled={chosen.length === 0}
              loading={sync.isPending}
              onClick={() => sync.mutate()}
            >
              {t('compare.sync')}
            </Button>
          )}
          {error && <Alert type="error" showIcon message={error} role="alert" />}
        </Space>
      )}
    </Card>
  );
}

/** Apollo's diff and sync: this namespace against the same one in other clusters and environments. */
export function CompareTab({ ns }: { ns: NamespaceContext }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const envs = useEnvironments();
  const [targets, setTargets] = useState<string[]>([]);
  const [asked, setAsked] = useState<string[]>([]);
  const clusters = useQueries({
    queries: (envs.data ?? []).map((env) => ({
      queryKey: ['clusters', env.env, ns.appId],
      queryFn: () => api<Cluster[]>(`/api/envs/${seg(env.env)}/apps/${seg(ns.appId)}/clusters`),
      retry: false,
    })),
  });
  const options = (envs.data ?? []).flatMap((env, index) =>
    (clusters[index]?.data ?? [])
      .map((cluster) => `${env.env}:${cluster.name}`)
      .filter((name) => name !== `${ns.env}:${ns.cluster}`),
  );
  const comparison = useQuery({
    queryKey: [...namespaceKey(ns, 'compare'), asked],
    queryFn: () =>
      api<{ targets: TargetComparison[] }>(`${ns.path}/compare`, { query: { targets: asked.join(',') } }),
    enabled: asked.length > 0,
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          mode="multiple"
          style={{ minWidth: 360 }}
          placeholder={t('compare.targets')}
          aria-label={t('compare.targets')}
          value={targets}
          onChange={setTargets}
          options={options.map((name) => ({ value: name, label: name }))}
        />
        <Button
          type="primary"
          disabled={targets.length === 0}
          onClick={() => setAsked(targets)}
          loading={comparison.isFetching}
        >
          {t('compare.run')}
        </Button>
      </Space>
      {comparison.error && <Alert type="error" showIcon message={describeError(comparison.error, t)} />}
      {comparison.data?.targets.map((target) => (
        <TargetCard
          key={`${target.env}:${target.cluster}`}
          ns={ns}
          target={target}
          onSynced={() => void queryClient.invalidateQueries({ queryKey: namespaceKey(ns, 'compare') })}
        />
      ))}
    </Space>
  );
}
