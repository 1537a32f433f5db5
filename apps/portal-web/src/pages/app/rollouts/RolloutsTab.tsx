import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Descriptions,
  Empty,
  Form,
  Input,
  Progress,
  Space,
  Steps,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { api, seg } from '../../../api/client';
import { describeError } from '../../../api/describe-error';
import type { Rollout, RolloutStatus } from '../../../api/types';
import { FormModal } from '../../../components/FormModal';
import { useI18n } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages';
import { refreshNamespace, type NamespaceContext } from '../namespace-context';
import { useUnreleased } from '../queries';
import { formatDuration } from './rollout-plan';
import { isActive, useRollout, useRollouts } from './rollout-queries';
import { StartRolloutModal } from './StartRolloutModal';

type Action = 'pause' | 'resume' | 'advance' | 'abort';

const STATUS_COLOUR: Record<RolloutStatus, string> = {
  running: 'processing',
  paused: 'warning',
  completed: 'success',
  rolled_back: 'error',
  aborted: 'default',
};

/** The time now, again every second: what a countdown shows. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function StatusTag({ status }: { status: RolloutStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOUR[status]} data-testid="rollout-status">
      {t(`rollout.status.${status}` as MessageKey)}
    </Tag>
  );
}

/** Pause, resume, advance or abort, with an optional reason kept in the events and the audit log. */
function ActionModal({
  ns,
  rollout,
  action,
  onClose,
}: {
  ns: NamespaceContext;
  rollout: Rollout;
  action: Action;
  onClose(): void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const last = rollout.stepIndex >= rollout.steps.length - 2;
  const hint =
    action === 'advance'
      ? last
        ? t('rollout.advanceToAllHint')
        : t('rollout.advanceHint', { percentage: rollout.steps[rollout.stepIndex + 1]?.percentage ?? 100 })
      : t(`rollout.${action}Hint` as MessageKey);
  return (
    <FormModal<{ reason?: string }, Rollout>
      open
      title={t(`rollout.${action}Title` as MessageKey, { id: rollout.id })}
      okText={t(`rollout.${action}` as MessageKey)}
      fields={['reason']}
      submit={({ reason }) =>
        api<Rollout>(`${ns.path}/rollouts/${seg(String(rollout.id))}/${action}`, {
          method: 'POST',
          body: reason?.trim() ? { reason: reason.trim() } : {},
        })
      }
      // Everything read about the namespace, its rollouts included.
      onDone={() => refreshNamespace(queryClient, ns)}
      onClose={onClose}
    >
      <Typography.Paragraph>{hint}</Typography.Paragraph>
      <Form.Item
        name="reason"
        label={t('rollout.reason')}
        rules={[{ max: 256, message: t('rollout.reasonTooLong') }]}
      >
        <Input autoFocus />
      </Form.Item>
    </FormModal>
  );
}

/** One rollout: where it is, the gates' verdicts now, and what happened to it. */
export function RolloutDetail({ ns, id }: { ns: NamespaceContext; id: number }) {
  const { t, formatDate } = useI18n();
  const [action, setAction] = useState<Action>();
  const query = useRollout(ns, id);
  const rollout = query.data;
  const now = useNow(rollout?.status === 'running');
  if (query.error)
    return <Alert type="error" showIcon message={describeError(query.error, t)} role="alert" />;
  if (!rollout) return null;
  const active = isActive(rollout);
  const { gates, health } = rollout;
  const verdict = (ok: boolean) => (
    <Tag color={ok ? 'success' : 'error'}>{ok ? t('rollout.gatePass') : t('rollout.gateFail')}</Tag>
  );
  const remaining = rollout.nextStepAt ? new Date(rollout.nextStepAt).getTime() - now : undefined;
  const lastCheckFailure = rollout.events?.find((event) => event.kind === 'gate_failed');
  const actions: Array<{ action: Action; shown: boolean; danger?: boolean }> = [
    { action: 'pause', shown: rollout.status === 'running' },
    { action: 'resume', shown: rollout.status === 'paused' },
    { action: 'advance', shown: active },
    { action: 'abort', shown: active, danger: true },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="rollout-detail">
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Typography.Text strong>
            {t('rollout.name', { id: rollout.id, title: rollout.releaseTitle })}
          </Typography.Text>
          <StatusTag status={rollout.status} />
          <Typography.Text data-testid="rollout-percentage">
            {t('rollout.nowAt', {
              percentage: rollout.percentage,
              step: rollout.stepIndex + 1,
              steps: rollout.steps.length,
            })}
          </Typography.Text>
        </Space>
        {ns.canRelease && active && (
          <Space wrap>
            {actions
              .filter((one) => one.shown)
              .map((one) => (
                <Button key={one.action} danger={one.danger} onClick={() => setAction(one.action)}>
                  {t(`rollout.${one.action}` as MessageKey)}
                </Button>
              ))}
          </Space>
        )}
      </Space>
      <Progress
        percent={rollout.percentage}
        status={rollout.status === 'rolled_back' ? 'exception' : active ? 'active' : 'normal'}
        aria-label={t('rollout.share')}
      />
      <Steps
        size="small"
        current={rollout.stepIndex}
        status={
          rollout.status === 'rolled_back' ? 'error' : rollout.status === 'completed' ? 'finish' : 'process'
        }
        items={rollout.steps.map((step, index) => ({
          title: `${step.percentage} %`,
          content:
            index === rollout.steps.length - 1
              ? t('rollout.merge')
              : t('rollout.bakeFor', { time: formatDuration(step.bakeTimeMs) }),
        }))}
      />
      {rollout.status === 'running' && remaining !== undefined && (
        <Typography.Text data-testid="rollout-bake">
          {remaining > 0
            ? t('rollout.bakeLeft', { time: formatDuration(remaining), at: formatDate(rollout.nextStepAt) })
            : t('rollout.bakeOver')}
        </Typography.Text>
      )}
      {rollout.status === 'paused' && (
        <Alert type="warning" showIcon message={t('rollout.pausedHint', { reason: rollout.reason || '—' })} />
      )}
      {!active && rollout.reason && (
        <Alert type={rollout.status === 'completed' ? 'success' : 'info'} showIcon message={rollout.reason} />
      )}
      <Descriptions size="small" bordered column={1} title={t('rollout.gates')} data-testid="rollout-gates">
        <Descriptions.Item label={t('rollout.maxRejected')}>
          <Space wrap>
            {health && verdict(health.rejectedInstances <= gates.maxRejectedInstances)}
            {t('rollout.ofAllowed', {
              count: health?.rejectedInstances ?? '—',
              max: gates.maxRejectedInstances,
            })}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('rollout.maxSilent')}>
          {gates.maxSilentInstances === undefined ? (
            <Typography.Text type="secondary">{t('rollout.notChecked')}</Typography.Text>
          ) : (
            <Space wrap>
              {health && verdict(health.silentInstances <= gates.maxSilentInstances)}
              {t('rollout.silentOfAllowed', {
                count: health?.silentInstances ?? '—',
                max: gates.maxSilentInstances,
                after: formatDuration(gates.silentAfterMs),
              })}
            </Space>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('rollout.checkUrl')}>
          {gates.checkUrl ? (
            <Space orientation="vertical" size={0}>
              <Typography.Text code style={{ wordBreak: 'break-all' }}>
                {gates.checkUrl}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('rollout.checkAsked', { timeout: formatDuration(gates.checkTimeoutMs) })}
              </Typography.Text>
              {health?.check ? (
                <Space wrap data-testid="rollout-last-check">
                  {verdict(health.check.healthy)}
                  {t('rollout.lastCheck', {
                    reason: health.check.reason,
                    at: formatDate(health.check.checkedAt),
                  })}
                </Space>
              ) : (
                <Typography.Text type="secondary" data-testid="rollout-last-check">
                  {t('rollout.noCheckYet')}
                </Typography.Text>
              )}
            </Space>
          ) : (
            <Typography.Text type="secondary">{t('rollout.notChecked')}</Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('rollout.instances')}>
          {health?.instancesOnRelease ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('rollout.onFailure')}>
          {t(`rollout.onFailure.${rollout.onFailure}` as MessageKey)}
        </Descriptions.Item>
      </Descriptions>
      {lastCheckFailure && (
        <Alert type="error" showIcon message={t('rollout.gateFailed', { detail: lastCheckFailure.detail })} />
      )}
      {health && health.rejections.length > 0 && (
        <Table
          size="small"
          rowKey={(row) => `${row.appId} ${row.ip} ${row.reportedAt}`}
          dataSource={health.rejections}
          pagination={false}
          title={() => t('rollout.rejections')}
          columns={[
            { title: 'IP', dataIndex: 'ip' },
            { title: t('rollout.reportStatus'), dataIndex: 'status' },
            { title: t('rollout.reportMessage'), dataIndex: 'message' },
            { title: t('rollout.at'), dataIndex: 'reportedAt', render: (value: string) => formatDate(value) },
          ]}
        />
      )}
      <Typography.Title level={5}>{t('rollout.history')}</Typography.Title>
      <Timeline
        data-testid="rollout-events"
        items={(rollout.events ?? []).map((event) => ({
          color: event.kind === 'gate_failed' || event.kind === 'rolled_back' ? 'red' : 'blue',
          content: (
            <Space orientation="vertical" size={0}>
              <Typography.Text>
                {t(`rollout.event.${event.kind}` as MessageKey, {
                  percentage: rollout.steps[event.stepIndex]?.percentage ?? 0,
                })}
                {' · '}
                {event.operator}
              </Typography.Text>
              {event.detail && <Typography.Text type="secondary">{event.detail}</Typography.Text>}
              <Typography.Text type="secondary">{formatDate(event.at)}</Typography.Text>
            </Space>
          ),
        }))}
      />
      {action && (
        <ActionModal ns={ns} rollout={rollout} action={action} onClose={() => setAction(undefined)} />
      )}
    </Space>
  );
}

/** The namespace's rollouts: start one (releasers), follow the newest, and look back at the others. */
export function RolloutsTab({ ns }: { ns: NamespaceContext }) {
  const { t, formatDate } = useI18n();
  const [starting, setStarting] = useState(false);
  const [selected, setSelected] = useState<number>();
  const rollouts = useRollouts(ns);
  const unreleased = useUnreleased(ns);
  const list = rollouts.data ?? [];
  const running = list.find(isActive);
  const shown = selected ?? list[0]?.id;
  const hasChanges = unreleased.data?.hasChanges ?? false;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text type="secondary">{t('rollout.hint')}</Typography.Text>
        {ns.canRelease && (
          <Tooltip
            title={running ? t('rollout.oneAtATime') : hasChanges ? undefined : t('rollout.nothingToRollOut')}
          >
            <Button
              type="primary"
              disabled={Boolean(running) || !hasChanges}
              onClick={() => setStarting(true)}
            >
              {t('rollout.startButton')}
            </Button>
          </Tooltip>
        )}
      </Space>
      {rollouts.error && (
        <Alert type="error" showIcon message={describeError(rollouts.error, t)} role="alert" />
      )}
      {!rollouts.isPending && list.length === 0 && <Empty description={t('rollout.none')} />}
      {shown !== undefined && <RolloutDetail key={shown} ns={ns} id={shown} />}
      {list.length > 1 && (
        <Table<Rollout>
          size="small"
          rowKey="id"
          dataSource={list}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          title={() => t('rollout.all')}
          onRow={(row) =>
            ({
              onClick: () => setSelected(row.id),
              style: { cursor: 'pointer' },
              'data-rollout': row.id,
            }) as HTMLAttributes<HTMLElement>
          }
          rowClassName={(row) => (row.id === shown ? 'ant-table-row-selected' : '')}
          columns={[
            { title: '#', dataIndex: 'id', width: 60 },
            { title: t('release.name'), dataIndex: 'releaseTitle' },
            {
              title: t('rollout.statusColumn'),
              dataIndex: 'status',
              render: (status: RolloutStatus) => <StatusTag status={status} />,
            },
            { title: '%', dataIndex: 'percentage', width: 70 },
            { title: t('rollout.by'), dataIndex: 'createdBy' },
            { title: t('rollout.at'), dataIndex: 'createdAt', render: (value: string) => formatDate(value) },
          ]}
        />
      )}
      {starting && (
        <StartRolloutModal
          ns={ns}
          onClose={() => setStarting(false)}
          onStarted={(rollout) => setSelected(rollout.id)}
        />
      )}
    </Space>
  );
}
