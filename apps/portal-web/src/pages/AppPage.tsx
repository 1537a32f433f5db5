import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Col,
  Empty,
  Form,
  Input,
  Menu,
  Row,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, seg } from '../api/client';
import { describeError } from '../api/describe-error';
import { useCurrentEnv } from '../api/queries';
import type { App, Cluster, MyPermissions, Namespace, NamespaceFormat } from '../api/types';
import { EnvPicker } from '../components/EnvPicker';
import { FormModal } from '../components/FormModal';
import { useI18n } from '../i18n/i18n';
import { isMaster, mayModify, mayRelease, mayReveal } from '../permissions';
import { useRememberApp } from '../recent';
import { AssociateModal, useAssociations } from './app/Association';
import { MissingNamespacesNotice } from './app/ClusterNamespaces';
import { namespaceContext, namespacesKey, type NamespaceContext } from './app/namespace-context';
import { NamespacePanel } from './app/NamespacePanel';
import { useUnreleased } from './app/queries';
import { ReviewPolicyControl } from './app/ReviewPolicyControl';
import { TransferOwnerModal } from './app/TransferOwnerModal';

const FORMATS: NamespaceFormat[] = ['properties', 'yaml', 'yml', 'json', 'xml', 'txt'];

function UnreleasedMark({ ns }: { ns: NamespaceContext }) {
  const { t } = useI18n();
  const unreleased = useUnreleased(ns);
  if (!unreleased.data?.hasChanges) return null;
  return (
    <Badge
      status="warning"
      title={t('app.unreleased')}
      aria-label={t('app.unreleased')}
      data-testid="unreleased-mark"
    />
  );
}

interface CreateFields {
  name: string;
  format?: NamespaceFormat;
  isPublic?: boolean;
  comment?: string;
}

function CreateModal({
  kind,
  env,
  appId,
  onClose,
}: {
  kind: 'cluster' | 'namespace';
  env: string;
  appId: string;
  onClose(created?: string): void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  return (
    <FormModal<CreateFields, { name: string }>
      open
      title={kind === 'cluster' ? t('app.createCluster') : t('app.createNamespace')}
      okText={t('common.save')}
      fields={['name', 'format', 'comment']}
      initialValues={{ format: 'properties', isPublic: false }}
      submit={(fields) =>
        kind === 'cluster'
          ? api<{ name: string }>(`/api/envs/${seg(env)}/apps/${seg(appId)}/clusters`, {
              method: 'POST',
              body: { name: fields.name.trim(), comment: fields.comment ?? '' },
            })
          : api<{ name: string }>(`/api/envs/${seg(env)}/apps/${seg(appId)}/appnamespaces`, {
              method: 'POST',
              body: {
                name: fields.name.trim(),
                format: fields.format ?? 'properties',
                isPublic: fields.isPublic ?? false,
                comment: fields.comment ?? '',
              },
            })
      }
      // The name the server gave it: a yaml namespace `gateway` is `gateway.yaml`.
      onDone={async (created) => {
        await queryClient.invalidateQueries({
          queryKey: kind === 'cluster' ? ['clusters', env, appId] : ['namespaces', env, appId],
        });
        onClose(created.name);
      }}
      keepOpenOnDone
      onClose={() => onClose()}
    >
      <Form.Item
        name="name"
        label={kind === 'cluster' ? t('app.clusterName') : t('app.namespaceName')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Input autoFocus />
      </Form.Item>
      {kind === 'namespace' && (
        <>
          <Form.Item name="format" label={t('app.format')}>
            <Select options={FORMATS.map((format) => ({ value: format, label: format }))} />
          </Form.Item>
          <Form.Item name="isPublic" valuePropName="checked">
            <Checkbox>{t('app.isPublic')}</Checkbox>
          </Form.Item>
        </>
      )}
      <Form.Item name="comment" label={t('common.comment')}>
        <Input />
      </Form.Item>
    </FormModal>
  );
}

/** One app in one environment and cluster: its namespaces, each with items, text, releases and history. */
export function AppPage() {
  const { appId = '' } = useParams();
  const { t } = useI18n();
  const [env, setEnv] = useCurrentEnv();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState<'cluster' | 'namespace' | 'association'>();
  const [transferring, setTransferring] = useState(false);
  const app = useQuery({
    queryKey: ['app', env, appId],
    queryFn: () => api<App>(`/api/envs/${seg(env!)}/apps/${seg(appId)}`),
    enabled: env !== undefined,
  });
  useRememberApp(appId, app.isSuccess);
  const clusters = useQuery({
    queryKey: ['clusters', env, appId],
    queryFn: () => api<Cluster[]>(`/api/envs/${seg(env!)}/apps/${seg(appId)}/clusters`),
    enabled: env !== undefined && app.isSuccess,
  });
  const permissions = useQuery({
    queryKey: ['permissions', appId],
    queryFn: () => api<MyPermissions>(`/api/apps/${seg(appId)}/permissions`),
  });
  const clusterNames = clusters.data?.map((cluster) => cluster.name) ?? [];
  const askedCluster = params.get('cluster');
  const cluster =
    askedCluster && clusterNames.includes(askedCluster)
      ? askedCluster
      : clusterNames.includes('default')
        ? 'default'
        : clusterNames[0];
  const namespaces = useQuery({
    queryKey: namespacesKey(env ?? '', appId, cluster ?? ''),
    queryFn: () =>
      api<Namespace[]>(`/api/envs/${seg(env!)}/apps/${seg(appId)}/clusters/${seg(cluster!)}/namespaces`),
    enabled: env !== undefined && cluster !== undefined,
  });
  const associations = useAssociations(env, appId, app.isSuccess);
  const setParam = (name: string, value: string | undefined) =>
    setParams(
      (current) => {
        const copy = new URLSearchParams(current);
        if (value === undefined) copy.delete(name);
        else copy.set(name, value);
        return copy;
      },
      { replace: true },
    );

  const contexts =
    env && cluster
      ? (namespaces.data ?? []).map((namespace) => {
          const scope = { env, cluster, namespace: namespace.namespaceName };
          return namespaceContext(
            env,
            appId,
            cluster,
            namespace,
            mayModify(permissions.data, scope),
            mayRelease(permissions.data, scope),
            associations.data?.find((association) => association.namespaceName === namespace.namespaceName),
            mayReveal(permissions.data, scope),
          );
        })
      : [];
  const askedNamespace = params.get('ns');
  const selected = contexts.find((ns) => ns.namespace.namespaceName === askedNamespace) ?? contexts[0];
  const master = isMaster(permissions.data);
  const failure = app.error ?? clusters.error ?? namespaces.error;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space align="baseline" wrap>
          <Link to={`/?env=${seg(env ?? '')}`}>{t('app.back')}</Link>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="app-title">
            {appId}
          </Typography.Title>
          {app.data && <Typography.Text type="secondary">{app.data.name}</Typography.Text>}
          {app.data?.ownerName && <Tag>{`${t('apps.owner')}: ${app.data.ownerName}`}</Tag>}
          {master && app.isSuccess && (
            <Button size="small" type="link" onClick={() => setTransferring(true)}>
              {t('owner.button')}
            </Button>
          )}
          <Link to={`/apps/${seg(appId)}/roles`}>{t('app.roles')}</Link>
          <Link to={`/apps/${seg(appId)}/transfer`}>{t('transfer.link')}</Link>
          {master && <Link to={`/apps/${seg(appId)}/keys?env=${seg(env ?? '')}`}>{t('keys.link')}</Link>}
          <Link to={`/apps/${seg(appId)}/webhooks?env=${seg(env ?? '')}`}>{t('hooks.link')}</Link>
          {env && app.isSuccess && <ReviewPolicyControl env={env} appId={appId} master={master} />}
        </Space>
        <Space wrap>
          <EnvPicker value={env} onChange={(next) => setEnv(next)} />
          <Select
            aria-label={t('app.cluster')}
            style={{ minWidth: 160 }}
            value={cluster}
            onChange={(next) => setParam('cluster', next)}
            options={clusterNames.map((name) => ({ value: name, label: `${t('app.cluster')}: ${name}` }))}
          />
          {master && <Button onClick={() => setCreating('cluster')}>{t('app.createCluster')}</Button>}
          {master && <Button onClick={() => setCreating('namespace')}>{t('app.createNamespace')}</Button>}
          {master && <Button onClick={() => setCreating('association')}>{t('assoc.button')}</Button>}
        </Space>
      </Space>
      {failure && <Alert type="error" showIcon message={describeError(failure, t)} />}
      {master && env && cluster && <MissingNamespacesNotice env={env} appId={appId} cluster={cluster} />}
      {namespaces.isPending && cluster && <Spin />}
      {namespaces.data && contexts.length === 0 && <Empty description={t('app.noNamespaces')} />}
      {contexts.length > 0 && (
        <Row gutter={16} wrap={false}>
          <Col flex="240px">
            <Typography.Text type="secondary">{t('app.namespaces')}</Typography.Text>
            <Menu
              aria-label={t('app.namespaces')}
              selectedKeys={selected ? [selected.namespace.namespaceName] : []}
              onClick={({ key }) => setParam('ns', key)}
              style={{ borderInlineEnd: 'none', background: 'transparent' }}
              items={contexts.map((ns) => ({
                key: ns.namespace.namespaceName,
                label: (
                  <Space size={6}>
                    <span>{ns.namespace.namespaceName}</span>
                    {ns.namespace.format !== 'properties' && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {ns.namespace.format}
                      </Typography.Text>
                    )}
                    <UnreleasedMark ns={ns} />
                  </Space>
                ),
              }))}
            />
          </Col>
          <Col flex="auto" style={{ minWidth: 0 }}>
            {selected && (
              <NamespacePanel
                key={`${env}/${cluster}/${selected.namespace.namespaceName}`}
                ns={selected}
                master={master}
                onDissociated={() => setParam('ns', undefined)}
                onDeleted={() => setParam('ns', undefined)}
              />
            )}
          </Col>
        </Row>
      )}
      <TransferOwnerModal
        appId={appId}
        owner={app.data?.ownerName}
        open={transferring}
        onClose={() => setTransferring(false)}
      />
      {creating === 'association' && env && (
        <AssociateModal
          env={env}
          appId={appId}
          onClose={(associated) => {
            setCreating(undefined);
            if (associated) setParam('ns', associated);
          }}
        />
      )}
      {creating && creating !== 'association' && env && (
        <CreateModal
          kind={creating}
          env={env}
          appId={appId}
          onClose={(created) => {
            setCreating(undefined);
            if (created) setParam(creating === 'cluster' ? 'cluster' : 'ns', created);
          }}
        />
      )}
    </Space>
  );
}
