import { Button, Card, Form, Input, InputNumber, Radio, Space, Typography, type FormInstance } from 'antd';
import type { RuleObject } from 'antd/es/form';
import { useI18n } from '../../../i18n/i18n';
import { DURATION, isPercentage, type RolloutPlanFields } from './rollout-plan';

/**
 * The plan of a rollout inside a form: its steps (share of instances and bake time; the last one
 * is 100 % and merges), its health gates and what a failed gate does. Checks what the
 * admin-service will check, in the person's language, next to the field; the server still decides.
 */
export function RolloutPlanEditor({ form }: { form: FormInstance<RolloutPlanFields> }) {
  const { t } = useI18n();
  const duration = (optional: boolean) => ({
    validator: async (_: RuleObject, value: string | undefined) => {
      if ((value === undefined || value.trim() === '') && optional) return;
      if (!DURATION.test((value ?? '').trim())) throw new Error(t('rollout.durationInvalid'));
    },
  });
  const percentageRule = (index: number) => ({
    validator: async (_: RuleObject, value: number | null | undefined) => {
      const steps = (form.getFieldValue('steps') ?? []) as RolloutPlanFields['steps'];
      if (!isPercentage(value)) throw new Error(t('rollout.percentageInvalid'));
      const previous = index > 0 ? steps[index - 1]?.percentage : undefined;
      if (typeof previous === 'number' && value <= previous)
        throw new Error(t('rollout.percentageRising', { previous }));
      if (index === steps.length - 1 && value !== 100) throw new Error(t('rollout.lastIs100'));
    },
  });
  return (
    <>
      <Typography.Title level={5}>{t('rollout.steps')}</Typography.Title>
      <Form.List
        name="steps"
        rules={[
          {
            validator: async (_, steps: unknown[] | undefined) => {
              if (!steps || steps.length < 2) throw new Error(t('rollout.twoSteps'));
              if (steps.length > 20) throw new Error(t('rollout.tooManySteps'));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="rollout-steps">
            {fields.map((field, index) => {
              const last = index === fields.length - 1;
              return (
                <Space key={field.key} align="start" wrap data-testid="rollout-step">
                  <Typography.Text style={{ display: 'inline-block', width: 64, paddingTop: 5 }}>
                    {t('rollout.stepN', { n: index + 1 })}
                  </Typography.Text>
                  <Form.Item
                    name={[field.name, 'percentage']}
                    dependencies={fields.map((other) => ['steps', other.name, 'percentage'])}
                    rules={[percentageRule(index)]}
                    style={{ marginBottom: 8 }}
                  >
                    <InputNumber
                      aria-label={t('rollout.percentageOf', { n: index + 1 })}
                      min={0}
                      max={100}
                      step={1}
                      suffix="%"
                      style={{ width: 120 }}
                    />
                  </Form.Item>
                  {last ? (
                    <Typography.Text type="secondary" style={{ display: 'inline-block', paddingTop: 5 }}>
                      {t('rollout.lastStep')}
                    </Typography.Text>
                  ) : (
                    <Form.Item
                      name={[field.name, 'bakeTime']}
                      rules={[duration(false)]}
                      style={{ marginBottom: 8 }}
                    >
                      <Input
                        aria-label={t('rollout.bakeTimeOf', { n: index + 1 })}
                        placeholder="10m"
                        prefix={t('rollout.bake')}
                        style={{ width: 200 }}
                      />
                    </Form.Item>
                  )}
                  {!last && fields.length > 2 && (
                    <Button
                      aria-label={t('rollout.removeStep', { n: index + 1 })}
                      onClick={() => remove(field.name)}
                    >
                      {t('common.delete')}
                    </Button>
                  )}
                </Space>
              );
            })}
            <Button
              onClick={() => add({ bakeTime: '10m' }, Math.max(0, fields.length - 1))}
              disabled={fields.length >= 20}
            >
              {t('rollout.addStep')}
            </Button>
            <Form.ErrorList errors={errors} />
          </Space>
        )}
      </Form.List>
      <Card size="small" title={t('rollout.gates')} style={{ marginTop: 16, marginBottom: 16 }}>
        <Space wrap align="start">
          <Form.Item
            name={['gates', 'maxRejectedInstances']}
            label={t('rollout.maxRejected')}
            extra={t('rollout.maxRejectedHint')}
          >
            <InputNumber min={0} max={1_000_000} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item
            name={['gates', 'maxSilentInstances']}
            label={t('rollout.maxSilent')}
            extra={t('rollout.maxSilentHint')}
          >
            <InputNumber min={0} max={1_000_000} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item
            name={['gates', 'silentAfter']}
            label={t('rollout.silentAfter')}
            rules={[duration(true)]}
          >
            <Input placeholder="10m" style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item
          name={['gates', 'checkUrl']}
          label={t('rollout.checkUrl')}
          extra={t('rollout.checkUrlHint')}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                if (!value || value.trim() === '') return;
                let url: URL;
                try {
                  url = new URL(value.trim());
                } catch {
                  throw new Error(t('rollout.checkUrlInvalid'));
                }
                if (url.protocol !== 'http:' && url.protocol !== 'https:')
                  throw new Error(t('rollout.checkUrlInvalid'));
                if (url.username || url.password) throw new Error(t('rollout.checkUrlCredentials'));
              },
            },
          ]}
        >
          <Input placeholder="http://prometheus:9090/api/v1/query?query=errors_high" />
        </Form.Item>
        <Form.Item
          name={['gates', 'checkTimeout']}
          label={t('rollout.checkTimeout')}
          rules={[duration(true)]}
          style={{ marginBottom: 0 }}
        >
          <Input placeholder="5s" style={{ width: 120 }} />
        </Form.Item>
      </Card>
      <Form.Item name="onFailure" label={t('rollout.onFailure')}>
        <Radio.Group>
          <Radio value="rollback">{t('rollout.onFailure.rollback')}</Radio>
          <Radio value="pause">{t('rollout.onFailure.pause')}</Radio>
        </Radio.Group>
      </Form.Item>
    </>
  );
}
