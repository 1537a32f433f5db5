import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { api, ApiError, seg } from '../../api/client';
import { describeError } from '../../api/describe-error';
import type { Item, Page } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n/i18n';
import { namespaceKey, refreshNamespace, type NamespaceContext } from './namespace-context';
import { defaultReleaseTitle } from './release-title';
import { isActive, useRollouts } from './rollouts/rollout-queries';
import { StartRolloutModal } from './rollouts/StartRolloutModal';

interface GrayRule {
  clientAppId: string;
  clientIpList: string[];
  clientLabelList: string[];
}

interface Branch {
  branchName: string;
  ruleItems: GrayRule[];
  releaseId: number;
  baseReleaseId: number;
}

function useBranch(ns: NamespaceContext) {
  return useQuery({
    queryKey: namespaceKey(ns, 'branch'),
    queryFn: async () => {
      try {
        return await api<Branch>(`${ns.path}/branches`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

interface BranchItemFields {
  key: string;
  value: string;
  comment?: string;
}

/**
 * Edits one key of the branch: an inherited or changed key (`PUT`, which overrides it in the
 * branch), or a key the main release does not have (`POST`). The form keeps what was typed when
 * the save is refused, with the refusal next to the field it names.
 */
function BranchItemModal({
  path,
  item,
  onSaved,
  onClose,
}: {
  path: string;
  item: Item | 'new';
  onSaved(): void;
  onClose(): void;
}) {
  const { t } = useI18n();
  const editing = item !== 'new';
  return (
    <FormModal<BranchItemFields>
      open
      title={editing ? t('ns.editItem', { key: item.key }) : t('gray.addKey')}
      okText={t('common.save')}
      fields={['key', 'value', 'comment']}
      initialValues={editing ? { key: item.key, value: item.value, comment: item.comment } : {}}
      submit={(fields) =>
        editing
          ? api(`${path}/items/${seg(item.key)}`, {
              method: 'PUT',
              query: { createIfNotExists: true },
              body: { value: fields.value ?? '', comment: fields.comment ?? '' },
            })
          : api(`${path}/items`, {
              method: 'POST',
              body: { key: fields.key.trim(), value: fields.value ?? '', comment: fields.comment ?? '' },
            })
      }
      onDone={onSaved}
      onClose={onClose}
    >
      <Form.Item name="key" label={t('ns.key')} rules={[{ required: true, message: t('common.required') }]}>
        <Input disabled={editing} autoFocus={!editing} />
      </Form.Item>
      <Form.Item name="value" label={t('ns.value')}>
        <Input.TextArea autoFocus={editing} autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Form.Item name="comment" label={t('ns.comment')}>
        <Input />
      </Form.Item>
    </FormModal>
  );
}

function Rules({ ns, branch, path }: { ns: NamespaceContext; branch: Branch; path: string }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const first = branch.ruleItems[0];
  const [ips, setIps] = useState<string[]>(first?.clientIpList ?? []);
  const [labels, setLabels] = useState<string[]>(first?.clientLabelList ?? []);
  const [clientApp, setClientApp] = useState(first?.clientAppId ?? ns.appId);
  const [typedApp, setTypedApp] = useState('');
  const [error, setError] = useState<string>();
  useEffect(() => {
    setIps(first?.clientIpList ?? []);
    setLabels(first?.clientLabelList ?? []);
    setClientApp(first?.clientAppId ?? ns.appId);
  }, [first, ns.appId]);
  // The clients that read this namespace now: their apps, and the IPs and labels of the chosen
  // app's clients (a rule item matches its own app's clients only), to choose from.
  const instances = useQuery({
    queryKey: namespaceKey(ns, 'instances'),
    queryFn: () =>
      api<Page<{ appId: string; ip: string; label?: string }>>(`${ns.path}/instances`, {
        query: { size: 100 },
      }),
  });
  const connectedInstances = instances.data?.content ?? [];
  const chosenApp = (clientApp.trim() || ns.appId).toLowerCase();
  const ofChosenApp = connectedInstances.filter((instance) => instance.appId.toLowerCase() === chosenApp);
  const connected = [...new Set(ofChosenApp.map((instance) => instance.ip))];
  const connectedLabels = [
    ...new Set(ofChosenApp.flatMap((instance) => (instance.label ? [instance.label] : []))),
  ];
  // An app typed by hand comes first: a client may not have connected yet.
  const appChoices = [
    ...new Set(
      [typedApp.trim(), ns.appId, clientApp, ...connectedInstances.map((instance) => instance.appId)].filter(
        (appId) => appId !== '',
      ),
    ),
  ];
  const save = useMutation({
    mutationFn: () =>
      api(`${path}/rules`, {
        method: 'PUT',
        body: {
          ruleItems:
            ips.length + labels.length === 0
              ? []
              : [{ clientAppId: clientApp.trim() || ns.appId, clientIpList: ips, clientLabelList: labels }],
        },
      }),
    onSuccess: async () => {
      setError(undefined);
      void message.success(t('gray.rulesSaved'));
      await queryClient.invalidateQueries({ queryKey: namespaceKey(ns, 'branch') });
    },
    onError: (caught) => setError(describeError(caught, t)),
  });
  return (
    <Card size="small" title={t('gray.rules')}>
      <Form layout="vertical" disabled={!ns.canRelease}>
        <Form.Item label={t('gray.clientApp')} extra={t('gray.clientAppHint')}>
          <Select
            showSearch
            aria-label={t('gray.clientApp')}
            value={clientApp}
            onSearch={setTypedApp}
            onChange={(appId: string) => {
              setClientApp(appId);
              setTypedApp('');
            }}
            options={appChoices.map((appId) => ({ value: appId, label: appId }))}
          />
        </Form.Item>
        <Form.Item label={t('gray.ips')} extra={t('gray.ipsHint')}>
          <Select
            mode="tags"
            aria-label={t('gray.ips')}
            value={ips}
            onChange={setIps}
            tokenSeparators={[',', ' ']}
            options={connected.map((ip) => ({ value: ip, label: ip }))}
          />
        </Form.Item>
        <Form.Item label={t('gray.labels')} extra={t('gray.labelsHint')}>
          <Select
            mode="tags"
            aria-label={t('gray.labels')}
            value={labels}
            onChange={setLabels}
            tokenSeparators={[',', ' ']}
            options={connectedLabels.map((label) => ({ value: label, label }))}
          />
        </Form.Item>
        {ns.canRelease && (
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {t('gray.saveRules')}
          </Button>
        )}
        {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginTop: 8 }} />}
      </Form>
    </Card>
  );
}

/** Gray release: a branch whose changed keys go to the clients its rules pick, then merge or abandon. */
export function GrayTab({ ns, onRolledOut }: { ns: NamespaceContext; onRolledOut?(): void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const branch = useBranch(ns);
  const [editing, setEditing] = useState<Item | 'new'>();
  const [rollingOut, setRollingOut] = useState(false);
  const [error, setError] = useState<string>();
  const rollouts = useRollouts(ns);
  const running = (rollouts.data ?? []).some(isActive);
  const path = branch.data ? `${ns.path}/branches/${seg(branch.data.branchName)}` : '';
  const items = useQuery({
    queryKey: namespaceKey(ns, 'branch-items'),
    queryFn: () => api<Item[]>(`${path}/items`),
    enabled: Boolean(branch.data),
  });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: namespaceKey(ns, 'branch') });
    await queryClient.invalidateQueries({ queryKey: namespaceKey(ns, 'branch-items') });
    await refreshNamespace(queryClient, ns);
  };
  const act = useMutation({
    mutationFn: async (what: 'create' | 'publish' | 'merge' | 'abandon') => {
      if (what === 'create') return api(`${ns.path}/branches`, { method: 'POST', body: {} });
      if (what === 'publish')
        return api(`${path}/releases`, {
          method: 'POST',
          body: { releaseTitle: defaultReleaseTitle('gray') },
        });
      if (what === 'merge')
        return api(`${path}/merge`, {
          method: 'POST',
          body: { releaseTitle: defaultReleaseTitle('merge'), deleteBranch: true },
        });
      return api(path, { method: 'DELETE' });
    },
    onSuccess: async (_, what) => {
      setError(undefined);
      if (what === 'publish') void message.success(t('gray.published'));
      if (what === 'merge') void message.success(t('gray.merged'));
      if (what === 'abandon') void message.success(t('gray.abandoned'));
      await refresh();
    },
    onError: (caught) => setError(describeError(caught, t)),
  });
  // A button spins for its own action only: after a merge the mutation stays pending while the
  // page refreshes, and a spinning "Create gray branch" (which antd makes ignore clicks) swallowed
  // the next click.
  const busyWith = (what: 'create' | 'publish') => act.isPending && act.variables === what;

  if (branch.error) return <Alert type="error" showIcon message={describeError(branch.error, t)} />;
  if (branch.isPending) return null;
  if (!branch.data)
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Empty description={t('gray.none')}>
          {ns.canModify && (
            <Button type="primary" onClick={() => act.mutate('create')} loading={busyWith('create')}>
              {t('gray.create')}
            </Button>
          )}
        </Empty>
        {error && <Alert type="error" showIcon message={error} role="alert" />}
      </Space>
    );

  const main = new Map(ns.namespace.items.map((item) => [item.key, item.value]));
  const rows = (items.data ?? []).filter((item) => item.key !== '');
  // Against main: a key main lacks is new in the branch; one whose value differs is changed.
  const changeOf = (item: Item): 'added' | 'changed' | undefined =>
    !main.has(item.key) ? 'added' : main.get(item.key) !== item.value ? 'changed' : undefined;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="gray-branch">
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Typography.Text strong>{t('gray.branch', { name: branch.data.branchName })}</Typography.Text>
          {ns.canModify && <Button onClick={() => setEditing('new')}>{t('gray.addKey')}</Button>}
        </Space>
        {ns.canRelease && (
          <Space wrap>
            <Button type="primary" onClick={() => act.mutate('publish')} loading={busyWith('publish')}>
              {t('gray.publish')}
            </Button>
            <Tooltip title={running ? t('gray.rollOutBusy') : undefined}>
              <Button disabled={running} onClick={() => setRollingOut(true)}>
                {t('gray.rollOut')}
              </Button>
            </Tooltip>
            <Popconfirm
              title={t('gray.mergeConfirm')}
              okText={t('gray.merge')}
              cancelText={t('common.cancel')}
              onConfirm={() => act.mutate('merge')}
            >
              <Button>{t('gray.merge')}</Button>
            </Popconfirm>
            <Popconfirm
              title={t('gray.abandonConfirm')}
              okText={t('gray.abandon')}
              cancelText={t('common.cancel')}
              onConfirm={() => act.mutate('abandon')}
            >
              <Button danger>{t('gray.abandon')}</Button>
            </Popconfirm>
          </Space>
        )}
      </Space>
      {error && (
        <Alert
          type="error"
          showIcon
          message={error}
          role="alert"
          closable
          onClose={() => setError(undefined)}
        />
      )}
      <Table<Item>
        rowKey="key"
        size="small"
        loading={items.isPending}
        dataSource={rows}
        pagination={false}
        onRow={(item) =>
          ({
            'data-key': item.key,
            'data-change': changeOf(item) ?? 'inherited',
          }) as HTMLAttributes<HTMLElement>
        }
        rowClassName={(item) => (changeOf(item) ? 'gray-changed' : '')}
        columns={[
          {
            title: t('ns.key'),
            dataIndex: 'key',
            render: (key: string, item) => (
              <Space size={4}>
                <Typography.Text strong>{key}</Typography.Text>
                {changeOf(item) === 'added' ? (
                  <Tag color="green">{t('gray.added')}</Tag>
                ) : changeOf(item) === 'changed' ? (
                  <Tag color="purple">{t('gray.changed')}</Tag>
                ) : (
                  <Tag>{t('gray.inherited')}</Tag>
                )}
              </Space>
            ),
          },
          {
            title: t('ns.value'),
            dataIndex: 'value',
            render: (value: string, item) => (
              <Typography.Text mark={changeOf(item) !== undefined}>{value}</Typography.Text>
            ),
          },
          {
            title: t('gray.mainValue'),
            render: (_, item) => (
              <Typography.Text type="secondary">{main.get(item.key) ?? '—'}</Typography.Text>
            ),
          },
          ...(ns.canModify
            ? [
                {
                  title: t('ns.actions'),
                  width: 110,
                  render: (_: unknown, item: Item) => (
                    <Button
                      size="small"
                      onClick={() => setEditing(item)}
                      aria-label={t('ns.editItem', { key: item.key })}
                    >
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Rules ns={ns} branch={branch.data} path={path} />
      {rollingOut && (
        <StartRolloutModal
          ns={ns}
          branchName={branch.data.branchName}
          onClose={() => setRollingOut(false)}
          // The dialog has refreshed the namespace, the branch included.
          onStarted={() => onRolledOut?.()}
        />
      )}
      {editing && (
        <BranchItemModal
          path={path}
          item={editing}
          onSaved={() => void refresh()}
          onClose={() => setEditing(undefined)}
        />
      )}
    </Space>
  );
}
