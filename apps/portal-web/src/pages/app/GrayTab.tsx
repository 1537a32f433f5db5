import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { api, ApiError, seg } from '../../api/client';
import { describeError } from '../../api/describe-error';
import type { Item, Page } from '../../api/types';
import { showErrorOnForm } from '../../components/form-errors';
import { useI18n } from '../../i18n/i18n';
import { namespaceKey, refreshNamespace, type NamespaceContext } from './namespace-context';

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
  onClose,
}: {
  path: string;
  item: Item | 'new';
  onClose(saved: boolean): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<BranchItemFields>();
  const [error, setError] = useState<string>();
  const editing = item !== 'new';
  const save = useMutation({
    mutationFn: (fields: BranchItemFields) =>
      editing
        ? api(`${path}/items/${seg(item.key)}`, {
            method: 'PUT',
            query: { createIfNotExists: true },
            body: { value: fields.value ?? '', comment: fields.comment ?? '' },
          })
        : api(`${path}/items`, {
            method: 'POST',
            body: { key: fields.key.trim(), value: fields.value ?? '', comment: fields.comment ?? '' },
          }),
    onSuccess: () => onClose(true),
    onError: (caught) => setError(showErrorOnForm(form, caught, t, ['key', 'value', 'comment'])),
  });
  return (
    <Modal
      open
      title={editing ? t('ns.editItem', { key: item.key }) : t('gray.addKey')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={editing ? { key: item.key, value: item.value, comment: item.comment } : {}}
        onFinish={(fields) => {
          setError(undefined);
          save.mutate(fields);
        }}
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
        {error && <Alert type="error" showIcon message={error} role="alert" />}
      </Form>
    </Modal>
  );
}

function Rules({ ns, branch, path }: { ns: NamespaceContext; branch: Branch; path: string }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const first = branch.ruleItems[0];
  const [ips, setIps] = useState<string[]>(first?.clientIpList ?? []);
  const [labels, setLabels] = useState<string[]>(first?.clientLabelList ?? []);
  const [clientApp, setClientApp] = useState(first?.clientAppId ?? '');
  const [error, setError] = useState<string>();
  useEffect(() => {
    setIps(first?.clientIpList ?? []);
    setLabels(first?.clientLabelList ?? []);
    setClientApp(first?.clientAppId ?? '');
  }, [first]);
  // The IPs of the clients that read this namespace now, to choose from.
  const instances = useQuery({
    queryKey: namespaceKey(ns, 'instances'),
    queryFn: () => api<Page<{ ip: string }>>(`${ns.path}/instances`, { query: { size: 100 } }),
  });
  const connected = [...new Set(instances.data?.content.map((instance) => instance.ip) ?? [])];
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
        <Form.Item label={t('gray.clientApp')}>
          <Input
            value={clientApp}
            placeholder={ns.appId}
            onChange={(event) => setClientApp(event.target.value)}
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
        <Form.Item label={t('gray.labels')}>
          <Select
            mode="tags"
            aria-label={t('gray.labels')}
            value={labels}
            onChange={setLabels}
            tokenSeparators={[',', ' ']}
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
export function GrayTab({ ns }: { ns: NamespaceContext }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const branch = useBranch(ns);
  const [editing, setEditing] = useState<Item | 'new'>();
  const [error, setError] = useState<string>();
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
      const title = `${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}-gray`;
      if (what === 'create') return api(`${ns.path}/branches`, { method: 'POST', body: {} });
      if (what === 'publish')
        return api(`${path}/releases`, { method: 'POST', body: { releaseTitle: title } });
      if (what === 'merge')
        return api(`${path}/merge`, {
          method: 'POST',
          body: { releaseTitle: title.replace('gray', 'merge'), deleteBranch: true },
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

  if (branch.error) return <Alert type="error" showIcon message={describeError(branch.error, t)} />;
  if (branch.isPending) return null;
  if (!branch.data)
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Empty description={t('gray.none')}>
          {ns.canModify && (
            <Button type="primary" onClick={() => act.mutate('create')} loading={act.isPending}>
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
            <Button type="primary" onClick={() => act.mutate('publish')} loading={act.isPending}>
              {t('gray.publish')}
            </Button>
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
      {editing && (
        <BranchItemModal
          path={path}
          item={editing}
          onClose={(saved) => {
            setEditing(undefined);
            if (saved) void refresh();
          }}
        />
      )}
    </Space>
  );
}
