import { Alert, List, Space, Tag, Typography } from 'antd';
import type { Commit } from '../../api/types';
import { describeError } from '../../api/describe-error';
import { useI18n } from '../../i18n/i18n';
import type { NamespaceContext } from './namespace-context';
import { useCommits } from './queries';

/** Every edit as Apollo records it: who changed which keys, from what to what, when. */
export function ChangesTab({ ns }: { ns: NamespaceContext }) {
  const { t, formatDate } = useI18n();
  const commits = useCommits(ns);
  if (commits.error) return <Alert type="error" showIcon message={describeError(commits.error, t)} />;
  return (
    <List<Commit>
      loading={commits.isPending}
      dataSource={commits.data}
      locale={{ emptyText: t('changes.empty') }}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      renderItem={(commit) => {
        const { createItems, updateItems, deleteItems } = commit.changeSets;
        return (
          <List.Item>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text strong>{commit.dataChangeCreatedBy}</Typography.Text>
                <Typography.Text type="secondary">{formatDate(commit.dataChangeCreatedTime)}</Typography.Text>
                <Typography.Text type="secondary">
                  {t('changes.summary', {
                    created: createItems.length,
                    updated: updateItems.length,
                    deleted: deleteItems.length,
                  })}
                </Typography.Text>
                {commit.comment && <Typography.Text italic>{commit.comment}</Typography.Text>}
              </Space>
              <Space direction="vertical" size={2}>
                {createItems
                  .filter((item) => item.key)
                  .map((item) => (
                    <span key={`c${item.key}`}>
                      <Tag color="green">{t('release.added')}</Tag>
                      <Typography.Text code>{item.key}</Typography.Text> ={' '}
                      <Typography.Text code>{item.value}</Typography.Text>
                    </span>
                  ))}
                {updateItems
                  .filter(({ newItem }) => newItem.key)
                  .map(({ oldItem, newItem }) => (
                    <span key={`u${newItem.key}`}>
                      <Tag color="orange">{t('release.modified')}</Tag>
                      <Typography.Text code>{newItem.key}</Typography.Text>:{' '}
                      <Typography.Text delete code>
                        {oldItem.value}
                      </Typography.Text>{' '}
                      → <Typography.Text code>{newItem.value}</Typography.Text>
                    </span>
                  ))}
                {deleteItems
                  .filter((item) => item.key)
                  .map((item) => (
                    <span key={`d${item.key}`}>
                      <Tag color="red">{t('release.deleted')}</Tag>
                      <Typography.Text code delete>
                        {item.key}
                      </Typography.Text>
                    </span>
                  ))}
              </Space>
            </Space>
          </List.Item>
        );
      }}
    />
  );
}
