import {
  Alert,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, apiRaw, seg } from '../api/client';
import { describeError } from '../api/describe-error';
import { useEnvironments } from '../api/queries';
import type { ImportReport } from '../api/types';
import { useI18n } from '../i18n/i18n';

interface ExportFields {
  envs?: string[];
  cluster?: string;
  namespace?: string;
}

interface ImportFields {
  conflictAction: 'ignore' | 'cover';
  env?: string;
}

/** Hands a downloaded archive to the browser as a file. */
function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function ExportCard({ appId }: { appId: string }) {
  const { t } = useI18n();
  const envs = useEnvironments();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [skipped, setSkipped] = useState<string>();
  const [done, setDone] = useState<string>();
  const download = async (fields: ExportFields) => {
    setPending(true);
    setError(undefined);
    setSkipped(undefined);
    setDone(undefined);
    try {
      const response = await apiRaw(`/api/apps/${seg(appId)}/export`, {
        query: {
          envs: fields.envs?.length ? fields.envs.join(',') : undefined,
          cluster: fields.cluster?.trim() || undefined,
          namespace: fields.namespace?.trim() || undefined,
        },
      });
      const name =
        /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `${appId}.zip`;
      saveFile(await response.blob(), name);
      setDone(name);
      setSkipped(response.headers.get('x-houston-export-skipped') ?? undefined);
    } catch (caught) {
      setError(describeError(caught, t));
    } finally {
      setPending(false);
    }
  };
  return (
    <Card title={t('transfer.export')}>
      <Typography.Paragraph type="secondary">{t('transfer.exportHint')}</Typography.Paragraph>
      <Form<ExportFields> layout="vertical" onFinish={(fields) => void download(fields)}>
        <Form.Item name="envs" label={t('transfer.envs')} extra={t('transfer.envsHint')}>
          <Checkbox.Group options={envs.data?.map((env) => ({ value: env.env, label: env.env })) ?? []} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="cluster" label={t('app.cluster')} extra={t('transfer.optional')}>
            <Input maxLength={32} />
          </Form.Item>
          <Form.Item name="namespace" label={t('search.namespace')} extra={t('transfer.optional')}>
            <Input maxLength={128} />
          </Form.Item>
        </Space>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={pending}>
            {t('transfer.download')}
          </Button>
        </Form.Item>
      </Form>
      {done && <Alert type="success" showIcon message={t('transfer.downloaded', { name: done })} />}
      {skipped && <Alert type="warning" showIcon message={t('transfer.skipped', { envs: skipped })} />}
      {error && <Alert type="error" showIcon role="alert" message={error} />}
    </Card>
  );
}

function ImportCard({ appId }: { appId: string }) {
  const { t } = useI18n();
  const envs = useEnvironments();
  const [file, setFile] = useState<File>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ text: string; undone?: boolean; stillChanged?: unknown[] }>();
  const [report, setReport] = useState<ImportReport>();
  const send = async (fields: ImportFields) => {
    if (!file) {
      setError({ text: t('transfer.chooseFile') });
      return;
    }
    setPending(true);
    setError(undefined);
    setReport(undefined);
    try {
      const response = await apiRaw(`/api/apps/${seg(appId)}/import`, {
        method: 'POST',
        body: file,
        contentType: 'application/zip',
        query: { conflictAction: fields.conflictAction, env: fields.env || undefined },
      });
      setReport((await response.json()) as ImportReport);
    } catch (caught) {
      const details = caught instanceof ApiError ? caught.details : {};
      setError({
        text: describeError(caught, t),
        undone: typeof details['undone'] === 'boolean' ? details['undone'] : undefined,
        stillChanged: Array.isArray(details['stillChanged']) ? details['stillChanged'] : undefined,
      });
    } finally {
      setPending(false);
    }
  };
  return (
    <Card title={t('transfer.import')}>
      <Typography.Paragraph type="secondary">{t('transfer.importHint')}</Typography.Paragraph>
      <Form<ImportFields>
        layout="vertical"
        initialValues={{ conflictAction: 'ignore' }}
        onFinish={(fields) => void send(fields)}
      >
        <Form.Item label={t('transfer.file')} required>
          <Upload
            accept=".zip,application/zip"
            maxCount={1}
            beforeUpload={(chosen) => {
              setFile(chosen);
              return false;
            }}
            onRemove={() => setFile(undefined)}
          >
            <Button>{t('transfer.chooseFile')}</Button>
          </Upload>
        </Form.Item>
        <Form.Item name="conflictAction" label={t('transfer.conflict')}>
          <Radio.Group
            options={[
              { value: 'ignore', label: t('transfer.ignore') },
              { value: 'cover', label: t('transfer.cover') },
            ]}
          />
        </Form.Item>
        <Form.Item name="env" label={t('transfer.targetEnv')} extra={t('transfer.targetEnvHint')}>
          <Select
            allowClear
            style={{ width: 200 }}
            aria-label={t('transfer.targetEnv')}
            placeholder={t('transfer.asInArchive')}
            options={envs.data?.map((env) => ({ value: env.env, label: env.env }))}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={pending}>
            {t('transfer.importButton')}
          </Button>
        </Form.Item>
      </Form>
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={error.text}
          description={
            error.undone === true
              ? t('transfer.undone')
              : error.undone === false
                ? t('transfer.notUndone', { places: JSON.stringify(error.stillChanged ?? []) })
                : t('transfer.nothingWritten')
          }
        />
      )}
      {report && (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="import-report">
          <Alert
            type="success"
            showIcon
            message={t('transfer.imported', {
              imported: report.namespaces.filter((n) => n.status === 'imported').length,
              skipped: report.namespaces.filter((n) => n.status === 'skipped').length,
              unchanged: report.namespaces.filter((n) => n.status === 'unchanged').length,
            })}
            description={[
              ...report.createdClusters.map((c) =>
                t('transfer.createdCluster', { env: c.env, cluster: c.cluster }),
              ),
              ...report.createdAppNamespaces.map((n) =>
                t('transfer.createdNamespace', { env: n.env, namespace: n.namespace }),
              ),
            ].join(' · ')}
          />
          <Table
            size="small"
            pagination={false}
            rowKey={(row) => `${row.env}/${row.cluster}/${row.namespace}`}
            dataSource={report.namespaces}
            onRow={(row) => ({ 'data-namespace': row.namespace, 'data-status': row.status }) as object}
            columns={[
              { title: t('app.env'), dataIndex: 'env' },
              { title: t('app.cluster'), dataIndex: 'cluster' },
              { title: t('search.namespace'), dataIndex: 'namespace' },
              {
                title: t('transfer.status'),
                dataIndex: 'status',
                render: (status: ImportReport['namespaces'][number]['status']) => (
                  <Tag color={status === 'imported' ? 'green' : status === 'skipped' ? 'orange' : 'default'}>
                    {t(`transfer.status.${status}`)}
                  </Tag>
                ),
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}

/** Export the app (or a cluster, or a namespace) as Apollo's zip, and import one. */
export function TransferPage() {
  const { appId = '' } = useParams();
  const { t } = useI18n();
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        <Link to={`/apps/${seg(appId)}`}>{appId}</Link> · {t('transfer.title')}
      </Typography.Title>
      <ExportCard appId={appId} />
      <ImportCard appId={appId} />
    </Space>
  );
}
