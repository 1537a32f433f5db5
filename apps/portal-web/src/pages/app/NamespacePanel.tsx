import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Popconfirm, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { useI18n } from '../../i18n/i18n';
import { useUser } from '../../session';
import { AssociationBar, PublicKeysTab } from './Association';
import { ChangesTab } from './ChangesTab';
import { DeleteFromCluster } from './ClusterNamespaces';
import { CompareTab } from './CompareTab';
import { GrayTab } from './GrayTab';
import { HistoryTab } from './HistoryTab';
import { InstancesTab } from './InstancesTab';
import { ItemsTab } from './ItemsTab';
import { MyPendingReviews } from './MyPendingReviews';
import { HIDDEN_VALUE, namespaceKey, refreshNamespace, type NamespaceContext } from './namespace-context';
import { useUnreleased } from './queries';
import { ReleaseModal } from './ReleaseModal';
import { RolloutsTab } from './rollouts/RolloutsTab';
import { TextTab } from './TextTab';

interface NamespaceLock {
  isLocked: boolean;
  lockedBy: string | null;
  lockEnabled: boolean;
}

export function NamespacePanel({
  ns,
  master = false,
  onDissociated,
  onDeleted,
}: {
  ns: NamespaceContext;
  master?: boolean;
  onDissociated?(): void;
  /** After an app master deleted it from this cluster. */
  onDeleted?(): void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [releasing, setReleasing] = useState(false);
  const [error, setError] = useState<string>();
  const [tab, setTab] = useState<string>();
  const unreleased = useUnreleased(ns);
  const user = useUser();
  const lock = useQuery({
    queryKey: namespaceKey(ns, 'lock'),
    queryFn: () => api<NamespaceLock>(`${ns.path}/lock`),
  });
  const revoke = useMutation({
    mutationFn: () => api(`${ns.path}/revoke-items`, { method: 'PUT' }),
    onSuccess: () => refreshNamespace(queryClient, ns),
    onError: (caught) => setError(describeError(caught, t)),
  });
  const { namespace } = ns;
  const hasChanges = unreleased.data?.hasChanges ?? false;
  // Masked secrets are not hidden values: only a non-member's view hides ordinary ones.
  const hidden = namespace.items.some((item) => item.value === HIDDEN_VALUE && !item.secret);
  const isProperties = namespace.format === 'properties';
  // With the namespace lock on, only its holder edits until the namespace is released or revoked.
  const lockedByOther =
    ns.canModify &&
    lock.data?.lockEnabled === true &&
    lock.data.isLocked &&
    lock.data.lockedBy !== user.username;

  const { association } = ns;
  const tabs = [
    ...(isProperties ? [{ key: 'items', label: t('ns.tab.items'), children: <ItemsTab ns={ns} /> }] : []),
    ...(association
      ? [
          {
            key: 'public',
            label: t('ns.tab.public'),
            children: <PublicKeysTab ns={ns} association={association} />,
          },
        ]
      : []),
    { key: 'text', label: t('ns.tab.text'), children: <TextTab ns={ns} /> },
    { key: 'history', label: t('ns.tab.history'), children: <HistoryTab ns={ns} /> },
    {
      key: 'gray',
      label: t('ns.tab.gray'),
      children: <GrayTab ns={ns} onRolledOut={() => setTab('rollouts')} />,
    },
    { key: 'rollouts', label: t('ns.tab.rollouts'), children: <RolloutsTab ns={ns} /> },
    { key: 'compare', label: t('ns.tab.compare'), children: <CompareTab ns={ns} /> },
    { key: 'changes', label: t('ns.tab.changes'), children: <ChangesTab ns={ns} /> },
    { key: 'instances', label: t('ns.tab.instances'), children: <InstancesTab ns={ns} /> },
  ];

  return (
    <Card
      data-testid="namespace-panel"
      title={
        <Space wrap>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {namespace.namespaceName}
          </Typography.Text>
          <Tag>{namespace.format}</Tag>
          {namespace.isPublic && <Tag color="purple">{t('app.public')}</Tag>}
          {hasChanges && (
            <Tag color="orange" data-testid="unreleased-tag">
              {t('app.unreleased')}
            </Tag>
          )}
          {lock.data?.isLocked && (
            <Tag color="red" data-testid="lock-holder">
              {t('ns.lockedBy', { user: lock.data.lockedBy ?? '' })}
            </Tag>
          )}
        </Space>
      }
      extra={
        <Space>
          {ns.canModify && hasChanges && (
            <Popconfirm
              title={t('ns.revoke')}
              description={t('ns.revokeHint')}
              okText={t('ns.revoke')}
              cancelText={t('common.cancel')}
              onConfirm={() => revoke.mutate()}
            >
              <Button loading={revoke.isPending}>{t('ns.revoke')}</Button>
            </Popconfirm>
          )}
          {master && namespace.namespaceName !== 'application' && (
            <DeleteFromCluster ns={ns} onDeleted={() => onDeleted?.()} />
          )}
          {ns.canRelease && (
            <Button type="primary" onClick={() => setReleasing(true)}>
              {t('ns.release')}
            </Button>
          )}
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {association && (
          <AssociationBar
            ns={ns}
            association={association}
            master={master}
            onDissociated={() => onDissociated?.()}
          />
        )}
        <MyPendingReviews ns={ns} />
        {lockedByOther && (
          <Alert
            type="warning"
            showIcon
            data-testid="lock-warning"
            message={t('ns.lockedByOther', { user: lock.data?.lockedBy ?? '' })}
          />
        )}
        {hidden && <Alert type="warning" showIcon message={t('ns.hiddenValues')} />}
        {!ns.canModify && !hidden && <Alert type="info" showIcon message={t('ns.readOnly')} />}
        {error && (
          <Alert
            type="error"
            showIcon
            message={error}
            closable
            onClose={() => setError(undefined)}
            role="alert"
          />
        )}
        <Tabs items={tabs} activeKey={tab ?? (isProperties ? 'items' : 'text')} onChange={setTab} />
      </Space>
      {releasing && <ReleaseModal ns={ns} onClose={() => setReleasing(false)} />}
    </Card>
  );
}
