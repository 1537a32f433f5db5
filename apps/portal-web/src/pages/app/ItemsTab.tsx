import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Checkbox,
  Form,
  Input,
  Popconfirm,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { api, seg } from '../../api/client';
import { describeError } from '../../api/describe-error';
import type { Item } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n/i18n';
import { refreshNamespace, type NamespaceContext } from './namespace-context';
import { useUnreleased } from './queries';

interface ItemFields {
  key: string;
  value: string;
  comment?: string;
  secret?: boolean;
}

/** What the item's update sends: `secret` only when it changes (absent keeps it as it was). */
function updateBody(item: Item, fields: ItemFields) {
  const body = { value: fields.value ?? '', comment: fields.comment ?? '', version: item.version };
  return Boolean(fields.secret) === Boolean(item.secret) ? body : { ...body, secret: Boolean(fields.secret) };
}

/** Adds or edits one item; `preset` fills a new one (overriding a public key starts from its value). */
export function ItemModal({
  ns,
  item,
  preset,
  onClose,
}: {
  ns: NamespaceContext;
  item: Item | 'new';
  preset?: { key: string; value: string };
  onClose(): void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const editing = item !== 'new';
  return (
    // The form stays open with what was typed; the refusal shows next to the field it names.
    <FormModal<ItemFields>
      open
      title={
        editing
          ? t('ns.editItem', { key: item.key })
          : preset
            ? t('assoc.override', { key: preset.key })
            : t('ns.addItem')
      }
      okText={t('common.save')}
      width={640}
      fields={['key', 'value', 'comment', 'secret']}
      initialValues={
        editing
          ? { key: item.key, value: item.value, comment: item.comment, secret: item.secret ?? false }
          : { ...preset, secret: false }
      }
      submit={(fields) =>
        editing
          ? api<Item>(`${ns.path}/items/${seg(item.key)}`, {
              method: 'PUT',
              body: updateBody(item, fields),
            })
          : api<Item>(`${ns.path}/items`, {
              method: 'POST',
              body: {
                key: fields.key,
                value: fields.value ?? '',
                comment: fields.comment ?? '',
                ...(fields.secret ? { secret: true } : {}),
              },
            })
      }
      onDone={() => refreshNamespace(queryClient, ns)}
      onClose={onClose}
    >
      <Form.Item name="key" label={t('ns.key')} rules={[{ required: true, message: t('common.required') }]}>
        <Input disabled={editing || preset !== undefined} autoFocus={!editing && !preset} />
      </Form.Item>
      <Form.Item
        name="value"
        label={t('ns.value')}
        extra={editing && item.secret ? t('secret.keepHint') : undefined}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 12 }} autoFocus={editing || preset !== undefined} />
      </Form.Item>
      <Form.Item name="comment" label={t('ns.comment')}>
        <Input />
      </Form.Item>
      <Form.Item name="secret" valuePropName="checked" extra={t('secret.hint')}>
        <Checkbox>{t('secret.mark')}</Checkbox>
      </Form.Item>
    </FormModal>
  );
}

/**
 * A secret's value: masked as the server sends it, with "Reveal" for those holding the reveal
 * role. The clear value comes from the audited reveal route and stays in this row only.
 */
function SecretValue({ ns, item }: { ns: NamespaceContext; item: Item }) {
  const { t } = useI18n();
  const [clear, setClear] = useState<string>();
  const [error, setError] = useState<string>();
  const reveal = useMutation({
    mutationFn: () => api<Item>(`${ns.path}/items/${seg(item.key)}/reveal`, { method: 'POST' }),
    onSuccess: (revealed) => {
      setError(undefined);
      setClear(revealed.value);
    },
    onError: (caught) => setError(describeError(caught, t)),
  });
  return (
    <Space size={4} wrap>
      <Tag color="geekblue">{t('secret.tag')}</Tag>
      {clear === undefined ? (
        <Typography.Text type="secondary" data-testid="secret-value">
          {item.value}
        </Typography.Text>
      ) : (
        <Typography.Text code style={{ wordBreak: 'break-all' }} data-testid="secret-value">
          {clear}
        </Typography.Text>
      )}
      {ns.canReveal &&
        (clear === undefined ? (
          <Button
            size="small"
            type="link"
            loading={reveal.isPending}
            aria-label={t('secret.reveal', { key: item.key })}
            onClick={() => reveal.mutate()}
          >
            {t('secret.revealShort')}
          </Button>
        ) : (
          <Button
            size="small"
            type="link"
            aria-label={t('secret.hide', { key: item.key })}
            onClick={() => setClear(undefined)}
          >
            {t('secret.hideShort')}
          </Button>
        ))}
      {error && (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      )}
    </Space>
  );
}

type Row = Item & { status?: 'new' | 'modified' | 'deleted' };

/** The items of a properties namespace as a table, with what is not released yet marked. */
export function ItemsTab({ ns }: { ns: NamespaceContext }) {
  const { t, formatDate } = useI18n();
  const [editing, setEditing] = useState<Item | 'new'>();
  const [error, setError] = useState<string>();
  const [filter, setFilter] = useState('');
  const queryClient = useQueryClient();
  const unreleased = useUnreleased(ns);
  const remove = useMutation({
    mutationFn: (item: Item) =>
      api(`${ns.path}/items/${seg(item.key)}`, { method: 'DELETE', query: { version: item.version } }),
    onSuccess: () => refreshNamespace(queryClient, ns),
    onError: (caught) => setError(describeError(caught, t)),
  });

  const changes = unreleased.data?.changes;
  const added = new Set(changes?.added.map((item) => item.key));
  const modified = new Set(changes?.modified.map((item) => item.key));
  const rows: Row[] = [
    ...ns.namespace.items
      .filter((item) => item.key !== '')
      .map((item) => ({
        ...item,
        status: added.has(item.key)
          ? ('new' as const)
          : modified.has(item.key)
            ? ('modified' as const)
            : undefined,
      })),
    ...(changes?.deleted ?? []).map((item): Row => ({
      key: item.key,
      value: item.value,
      comment: '',
      lineNum: Number.MAX_SAFE_INTEGER,
      version: 0,
      status: 'deleted',
      dataChangeCreatedBy: '',
      dataChangeLastModifiedBy: '',
      dataChangeCreatedTime: '',
      dataChangeLastModifiedTime: '',
    })),
  ].filter((row) => {
    const needle = filter.trim().toLowerCase();
    return !needle || row.key.toLowerCase().includes(needle) || row.value.toLowerCase().includes(needle);
  });
  const statusColour = { new: 'green', modified: 'orange', deleted: 'red' } as const;

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Input
          type="search"
          placeholder={`${t('ns.key')} / ${t('ns.value')}`}
          aria-label={`${t('ns.key')} / ${t('ns.value')}`}
          onChange={(event) => setFilter(event.target.value)}
          style={{ width: 300 }}
        />
        {ns.canModify && (
          <Button type="primary" onClick={() => setEditing('new')}>
            {t('ns.addItem')}
          </Button>
        )}
      </Space>
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
      <Table<Row>
        rowKey="key"
        size="small"
        dataSource={rows}
        locale={{ emptyText: t('ns.noItems') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(row) => ({ 'data-key': row.key }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('ns.key'),
            dataIndex: 'key',
            width: '22%',
            render: (key: string, row) => (
              <Space size={4} wrap>
                <Typography.Text strong delete={row.status === 'deleted'} style={{ wordBreak: 'break-all' }}>
                  {key}
                </Typography.Text>
                {row.status && <Tag color={statusColour[row.status]}>{t(`ns.status.${row.status}`)}</Tag>}
              </Space>
            ),
          },
          {
            title: t('ns.value'),
            dataIndex: 'value',
            render: (value: string, row) =>
              row.secret && row.status !== 'deleted' ? (
                <SecretValue ns={ns} item={row} />
              ) : (
                <Typography.Text
                  delete={row.status === 'deleted'}
                  style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
                  ellipsis={{ tooltip: value.length > 120 ? value : undefined }}
                >
                  {value}
                </Typography.Text>
              ),
          },
          { title: t('ns.comment'), dataIndex: 'comment', width: '14%' },
          { title: t('ns.modifiedBy'), dataIndex: 'dataChangeLastModifiedBy', width: 120 },
          {
            title: t('ns.modifiedAt'),
            dataIndex: 'dataChangeLastModifiedTime',
            width: 170,
            render: (value: string) => formatDate(value),
          },
          ...(ns.canModify
            ? [
                {
                  title: t('ns.actions'),
                  width: 150,
                  render: (_: unknown, row: Row) =>
                    row.status !== 'deleted' && (
                      <Space size={4}>
                        <Tooltip title={t('ns.editItem', { key: row.key })}>
                          <Button
                            size="small"
                            onClick={() => setEditing(row)}
                            aria-label={t('ns.editItem', { key: row.key })}
                          >
                            {t('common.edit')}
                          </Button>
                        </Tooltip>
                        <Popconfirm
                          title={t('ns.deleteItem', { key: row.key })}
                          description={t('ns.deleteItemHint')}
                          okText={t('common.delete')}
                          cancelText={t('common.cancel')}
                          onConfirm={() => remove.mutate(row)}
                        >
                          <Button size="small" danger aria-label={t('ns.deleteItem', { key: row.key })}>
                            {t('common.delete')}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
      {editing && <ItemModal ns={ns} item={editing} onClose={() => setEditing(undefined)} />}
    </Space>
  );
}
