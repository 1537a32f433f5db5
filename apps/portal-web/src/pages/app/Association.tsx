import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { api, ApiError, nsPath, seg } from '../../api/client';
import { describeError } from '../../api/describe-error';
import type { Item, Namespace } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n/i18n';
import { ItemModal } from './ItemsTab';
import { namespaceKey, type Association, type NamespaceContext } from './namespace-context';

export const associationsKey = (env: string, appId: string) => ['associations', env, appId];

export function useAssociations(env: string | undefined, appId: string, enabled = true) {
  return useQuery({
    queryKey: associationsKey(env ?? '', appId),
    queryFn: () => api<Association[]>(`/api/envs/${seg(env!)}/apps/${seg(appId)}/associated-namespaces`),
    enabled: env !== undefined && enabled,
  });
}

/** Another app's public namespace this app may associate (`GET …/public-namespaces`). */
interface PublicNamespace {
  namespaceName: string;
  ownerAppId: string;
  format: string;
  comment: string;
}

/** Takes another app's public namespace into every cluster of this app (app masters), chosen from a list. */
export function AssociateModal({
  env,
  appId,
  onClose,
}: {
  env: string;
  appId: string;
  onClose(associated?: string): void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const offered = useQuery({
    queryKey: ['public-namespaces', env, appId],
    queryFn: () => api<PublicNamespace[]>(`/api/envs/${seg(env)}/apps/${seg(appId)}/public-namespaces`),
  });
  const associations = useAssociations(env, appId);
  const taken = new Set(associations.data?.map((one) => one.namespaceName.toLowerCase()));
  const options = (offered.data ?? [])
    .filter((ns) => !taken.has(ns.namespaceName.toLowerCase()))
    .map((ns) => ({
      value: ns.namespaceName,
      search: `${ns.namespaceName} ${ns.ownerAppId}`,
      label: (
        <Space size={6}>
          <span>{ns.namespaceName}</span>
          <Tag>{ns.format}</Tag>
          <Typography.Text type="secondary">{t('assoc.ownedBy', { appId: ns.ownerAppId })}</Typography.Text>
        </Space>
      ),
    }));
  return (
    <FormModal<{ namespaceName: string }, Association>
      open
      title={t('assoc.title')}
      okText={t('assoc.submit')}
      fields={['namespaceName']}
      submit={(fields) =>
        api<Association>(`/api/envs/${seg(env)}/apps/${seg(appId)}/associated-namespaces`, {
          method: 'POST',
          body: { namespaceName: fields.namespaceName.trim() },
        })
      }
      // The admin-service names the namespace (`details.namespaceName`) when it refuses one: that
      // is this form's only field, so the refusal goes next to it.
      placeError={(caught) => {
        if (!(caught instanceof ApiError) || caught.details['namespaceName'] === undefined) return undefined;
        const name = String(caught.details['namespaceName']);
        const text =
          caught.code === 'NOT_FOUND'
            ? t('assoc.notFound', { name })
            : caught.code === 'CONFLICT'
              ? t('assoc.conflict', { message: caught.message })
              : describeError(caught, t);
        return { field: 'namespaceName', text };
      }}
      onDone={async (created) => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: associationsKey(env, appId) }),
          queryClient.invalidateQueries({ queryKey: ['namespaces', env, appId] }),
        ]);
        onClose(created.namespaceName);
      }}
      onClose={() => onClose()}
    >
      <Form.Item
        name="namespaceName"
        label={t('assoc.namespace')}
        extra={t('assoc.hint')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Select
          autoFocus
          showSearch={{ optionFilterProp: 'search' }}
          loading={offered.isPending}
          options={options}
          placeholder={t('assoc.choose')}
          notFoundContent={offered.isPending ? undefined : t('assoc.noneOffered')}
        />
      </Form.Item>
      {offered.error && (
        <Alert type="error" showIcon message={describeError(offered.error, t)} role="alert" />
      )}
    </FormModal>
  );
}

/** The header of an associated namespace: whose it is, and (app masters) dropping the association. */
export function AssociationBar({
  ns,
  association,
  master,
  onDissociated,
}: {
  ns: NamespaceContext;
  association: Association;
  master: boolean;
  onDissociated(): void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string>();
  const dissociate = useMutation({
    mutationFn: () =>
      api(
        `/api/envs/${seg(ns.env)}/apps/${seg(ns.appId)}/associated-namespaces/${seg(association.namespaceName)}`,
        { method: 'DELETE' },
      ),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: associationsKey(ns.env, ns.appId) }),
        queryClient.invalidateQueries({ queryKey: ['namespaces', ns.env, ns.appId] }),
      ]);
      onDissociated();
    },
    onError: (caught) => setError(describeError(caught, t)),
  });
  return (
    <Alert
      type="info"
      showIcon
      data-testid="association"
      message={
        <Space wrap>
          <span>{t('assoc.from', { appId: association.ownerAppId })}</span>
          {master && (
            <Popconfirm
              title={t('assoc.dissociate')}
              description={t('assoc.dissociateHint')}
              okText={t('assoc.dissociate')}
              cancelText={t('common.cancel')}
              onConfirm={() => dissociate.mutate()}
            >
              <Button size="small" danger loading={dissociate.isPending}>
                {t('assoc.dissociate')}
              </Button>
            </Popconfirm>
          )}
          {error && (
            <Typography.Text type="danger" role="alert">
              {error}
            </Typography.Text>
          )}
        </Space>
      }
    />
  );
}

interface PublicRow {
  key: string;
  publicValue: string;
  override?: Item;
}

/**
 * The owner's keys next to this app's overrides: a key overridden here is what this app's clients
 * read; "Override" adds the key here, starting from the public value. The owner's namespace is
 * read in the same cluster when the owner has it, else in its default cluster (as clients do).
 */
export function PublicKeysTab({ ns, association }: { ns: NamespaceContext; association: Association }) {
  const { t } = useI18n();
  const [overriding, setOverriding] = useState<{ key: string; value: string } | Item>();
  const owner = useQuery({
    queryKey: namespaceKey(ns, `public-${association.ownerAppId}`),
    queryFn: async () => {
      const read = (cluster: string) =>
        api<Namespace>(nsPath(ns.env, association.ownerAppId, cluster, association.namespaceName));
      try {
        return await read(ns.cluster);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404 && ns.cluster !== 'default')
          return read('default');
        throw error;
      }
    },
  });
  if (owner.error) return <Alert type="error" showIcon message={describeError(owner.error, t)} />;
  const overrides = new Map(
    ns.namespace.items.filter((item) => item.key !== '').map((item) => [item.key, item]),
  );
  const rows: PublicRow[] = (owner.data?.items ?? [])
    .filter((item) => item.key !== '')
    .map((item) => ({ key: item.key, publicValue: item.value, override: overrides.get(item.key) }));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        {t('assoc.publicHint', { appId: association.ownerAppId })}
      </Typography.Text>
      <Table<PublicRow>
        rowKey="key"
        size="small"
        loading={owner.isPending}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('ns.noItems') }}
        onRow={(row) =>
          ({
            'data-key': row.key,
            'data-overridden': String(Boolean(row.override)),
          }) as HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            title: t('ns.key'),
            dataIndex: 'key',
            render: (key: string, row) => (
              <Space size={4} wrap>
                <Typography.Text strong>{key}</Typography.Text>
                {row.override && <Tag color="purple">{t('assoc.overridden')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('assoc.publicValue'),
            dataIndex: 'publicValue',
            render: (value: string, row) => (
              <Typography.Text delete={Boolean(row.override)} style={{ wordBreak: 'break-all' }}>
                {value}
              </Typography.Text>
            ),
          },
          {
            title: t('assoc.overrideValue'),
            render: (_, row) =>
              row.override ? (
                <Typography.Text mark style={{ wordBreak: 'break-all' }}>
                  {row.override.value}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          ...(ns.canModify
            ? [
                {
                  title: t('ns.actions'),
                  width: 130,
                  render: (_: unknown, row: PublicRow) => (
                    <Button
                      size="small"
                      aria-label={
                        row.override
                          ? t('ns.editItem', { key: row.key })
                          : t('assoc.override', { key: row.key })
                      }
                      onClick={() => setOverriding(row.override ?? { key: row.key, value: row.publicValue })}
                    >
                      {row.override ? t('common.edit') : t('assoc.overrideShort')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {overriding && (
        <ItemModal
          ns={ns}
          item={'version' in overriding ? overriding : 'new'}
          preset={'version' in overriding ? undefined : overriding}
          onClose={() => setOverriding(undefined)}
        />
      )}
    </Space>
  );
}
