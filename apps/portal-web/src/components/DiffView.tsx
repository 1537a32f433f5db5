import type { HTMLAttributes } from 'react';
import { Empty, Table, Tag, Typography } from 'antd';
import { diffLines } from 'diff';
import type { ConfigurationDiff } from '../api/types';
import { useI18n } from '../i18n/i18n';

type Kind = 'added' | 'modified' | 'deleted';

interface Row {
  kind: Kind;
  key: string;
  before?: string;
  after?: string;
}

/** What changes between two configurations (key → value), keys in order within each kind. */
export function diffConfigurations(
  before: Record<string, string>,
  after: Record<string, string>,
): ConfigurationDiff {
  const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
  const has = (record: Record<string, string>, key: string) =>
    Object.prototype.hasOwnProperty.call(record, key);
  return {
    added: Object.keys(after)
      .filter((key) => !has(before, key))
      .map((key) => ({ key, value: after[key]! }))
      .sort(byKey),
    modified: Object.keys(after)
      .filter((key) => has(before, key) && before[key] !== after[key])
      .map((key) => ({ key, oldValue: before[key]!, newValue: after[key]! }))
      .sort(byKey),
    deleted: Object.keys(before)
      .filter((key) => !has(after, key))
      .map((key) => ({ key, value: before[key]! }))
      .sort(byKey),
  };
}

export function isEmptyDiff(diff: ConfigurationDiff): boolean {
  return diff.added.length + diff.modified.length + diff.deleted.length === 0;
}

const COLOURS: Record<Kind, string> = { added: 'green', modified: 'orange', deleted: 'red' };

/** A multi-line value (a yaml/json/xml document) changed: the lines, marked as a unified diff. */
function LineDiff({ before, after }: { before: string; after: string }) {
  return (
    <pre
      data-testid="line-diff"
      style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', maxHeight: 360, overflow: 'auto' }}
    >
      {diffLines(before, after).map((part, index) => (
        <span
          key={index}
          className={part.added ? 'diff-added' : part.removed ? 'diff-removed' : undefined}
          style={{
            display: 'block',
            background: part.added ? '#f6ffed' : part.removed ? '#fff1f0' : undefined,
            textDecoration: part.removed ? 'line-through' : undefined,
          }}
        >
          {part.value
            .replace(/\n$/, '')
            .split('\n')
            .map((line) => `${part.added ? '+ ' : part.removed ? '- ' : '  '}${line}`)
            .join('\n')}
        </span>
      ))}
    </pre>
  );
}

function Value({ text, kind }: { text: string | undefined; kind: 'before' | 'after' }) {
  if (text === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Typography.Text
      code
      delete={kind === 'before'}
      style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
      data-testid={`diff-${kind}`}
    >
      {text}
    </Typography.Text>
  );
}

/** Exactly what a release (or a rollback, or the step between two releases) changes, key by key. */
export function DiffView({ diff, loading }: { diff: ConfigurationDiff | undefined; loading?: boolean }) {
  const { t } = useI18n();
  if (!loading && diff && isEmptyDiff(diff)) return <Empty description={t('release.noDiff')} />;
  const rows: Row[] = diff
    ? [
        ...diff.added.map((item) => ({ kind: 'added' as const, key: item.key, after: item.value })),
        ...diff.modified.map((item) => ({
          kind: 'modified' as const,
          key: item.key,
          before: item.oldValue,
          after: item.newValue,
        })),
        ...diff.deleted.map((item) => ({ kind: 'deleted' as const, key: item.key, before: item.value })),
      ]
    : [];
  const label: Record<Kind, string> = {
    added: t('release.added'),
    modified: t('release.modified'),
    deleted: t('release.deleted'),
  };
  return (
    <Table<Row>
      data-testid="diff-view"
      size="small"
      rowKey={(row) => `${row.kind}:${row.key}`}
      loading={loading}
      dataSource={rows}
      pagination={false}
      scroll={{ y: 420 }}
      onRow={(row) => ({ 'data-kind': row.kind, 'data-key': row.key }) as HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: '',
          dataIndex: 'kind',
          width: 90,
          render: (kind: Kind) => <Tag color={COLOURS[kind]}>{label[kind]}</Tag>,
        },
        {
          title: t('ns.key'),
          dataIndex: 'key',
          width: 220,
          render: (key: string) => <Typography.Text strong>{key}</Typography.Text>,
        },
        {
          title: `${t('release.oldValue')} → ${t('release.newValue')}`,
          render: (_, row) =>
            row.kind === 'modified' && (row.before!.includes('\n') || row.after!.includes('\n')) ? (
              <LineDiff before={row.before!} after={row.after!} />
            ) : (
              <span style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
                {row.kind !== 'added' && <Value text={row.before} kind="before" />}
                {row.kind === 'modified' && <span aria-hidden>→</span>}
                {row.kind !== 'deleted' && <Value text={row.after} kind="after" />}
              </span>
            ),
        },
      ]}
    />
  );
}
