import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Modal, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState, type HTMLAttributes } from 'react';
import { api, ApiError } from '../../api/client';
import { describeError } from '../../api/describe-error';
import type { Release, ReleaseHistory } from '../../api/types';
import { DiffView, diffConfigurations } from '../../components/DiffView';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { namespaceKey, refreshNamespace, type NamespaceContext } from './namespace-context';
import { useHistories, useReleases } from './queries';

function useLatestRelease(ns: NamespaceContext) {
  return useQuery({
    queryKey: namespaceKey(ns, 'latest'),
    queryFn: async () => {
      try {
        return await api<Release>(`${ns.path}/releases/latest`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

/** Release history: what was released when by whom, the diff between any two, rollback to one. */
export function HistoryTab({ ns }: { ns: NamespaceContext }) {
  const { t, formatDate } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const histories = useHistories(ns);
  const releases = useReleases(ns);
  const latest = useLatestRelease(ns);
  const [selected, setSelected] = useState<number[]>([]);
  const [rollbackTo, setRollbackTo] = useState<Release>();
  const confirmRollback = useRef<HTMLButtonElement>(null);
  const [error, setError] = useState<string>();
  const closeRollback = () => {
    setRollbackTo(undefined);
    setError(undefined);
  };
  const byId = new Map((releases.data ?? []).map((release) => [release.id, release]));
  const operation = (name: string) => {
    const key = `history.op.${name}` as MessageKey;
    const text = t(key);
    return text === key ? name : text;
  };
  const rollback = useMutation({
    mutationFn: (target: Release) =>
      api(`${ns.path}/releases/${latest.data!.id}/rollback`, {
        method: 'PUT',
        query: { toReleaseId: target.id },
      }),
    onSuccess: async (_, target) => {
      void message.success(t('history.rolledBack', { name: target.name }));
      setRollbackTo(undefined);
      await refreshNamespace(queryClient, ns);
    },
    onError: (caught) => setError(describeError(caught, t)),
  });

  // Two rows chosen: the older one is the base ("from"), by release id.
  const [from, to] = selected
    .map((historyId) => histories.data?.content.find((history) => history.id === historyId))
    .map((history) => (history ? byId.get(history.releaseId) : undefined))
    .sort((a, b) => (a?.id ?? 0) - (b?.id ?? 0));

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {(histories.error || releases.error) && (
        <Alert type="error" showIcon message={describeError(histories.error ?? releases.error, t)} />
      )}
      <Typography.Text type="secondary">{t('history.pickTwo')}</Typography.Text>
      <Table<ReleaseHistory>
        rowKey="id"
        size="small"
        loading={histories.isPending}
        dataSource={histories.data?.content}
        locale={{ emptyText: t('history.empty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        rowSelection={{
          hideSelectAll: true,
          selectedRowKeys: selected,
          onChange: (keys) => setSelected((keys as number[]).slice(-2)),
          getCheckboxProps: (history) => ({
            disabled: !byId.has(history.releaseId),
            'aria-label': `${t('history.compare')} ${history.releaseTitle}`,
          }),
        }}
        onRow={(history) => ({ 'data-release': history.releaseTitle }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('history.release'),
            dataIndex: 'releaseTitle',
            render: (title: string, history) => (
              <Space size={4} wrap>
                <Typography.Text strong>{title}</Typography.Text>
                {history.releaseId === latest.data?.id && history.branchName === ns.cluster && (
                  <Tag color="blue">{t('history.current')}</Tag>
                )}
                {history.branchName !== ns.cluster && <Tag color="purple">{history.branchName}</Tag>}
              </Space>
            ),
          },
          { title: t('history.operation'), dataIndex: 'operationName', render: operation },
          { title: t('history.by'), dataIndex: 'dataChangeCreatedBy', width: 140 },
          {
            title: t('history.at'),
            dataIndex: 'dataChangeCreatedTime',
            width: 180,
            render: (value: string) => formatDate(value),
          },
          ...(ns.canRelease
            ? [
                {
                  title: t('ns.actions'),
                  width: 200,
                  render: (_: unknown, history: ReleaseHistory) => {
                    const release = byId.get(history.releaseId);
                    const possible =
                      release &&
                      !release.isAbandoned &&
                      history.branchName === ns.cluster &&
                      latest.data &&
                      release.id !== latest.data.id;
                    return (
                      possible && (
                        <Button size="small" onClick={() => setRollbackTo(release)}>
                          {t('history.rollbackTo')}
                        </Button>
                      )
                    );
                  },
                },
              ]
            : []),
        ]}
      />
      {from && to && (
        <Card
          size="small"
          title={`${t('history.compareTitle')}: ${from.name} → ${to.name}`}
          data-testid="release-compare"
        >
          <DiffView diff={diffConfigurations(from.configurations, to.configurations)} />
        </Card>
      )}
      {rollbackTo && latest.data && (
        <Modal
          open
          width={880}
          title={t('ns.rollback')}
          onCancel={closeRollback}
          footer={[
            <Button key="cancel" onClick={closeRollback}>
              {t('common.cancel')}
            </Button>,
            <Button
              key="rollback"
              ref={confirmRollback}
              type="primary"
              danger
              loading={rollback.isPending}
              onClick={() => rollback.mutate(rollbackTo)}
            >
              {t('ns.rollback')}
            </Button>,
          ]}
          // Nothing to fill in: the focus is on Roll back, so Enter confirms and Escape cancels.
          afterOpenChange={(open) => {
            if (open) confirmRollback.current?.focus();
          }}
        >
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph>
              {t('history.rollbackConfirm', { namespace: ns.namespace.namespaceName, name: rollbackTo.name })}
            </Typography.Paragraph>
            <DiffView diff={diffConfigurations(latest.data.configurations, rollbackTo.configurations)} />
            {error && <Alert type="error" showIcon message={error} role="alert" />}
          </Space>
        </Modal>
      )}
    </Space>
  );
}
