import { Form, Input, InputNumber, Select } from 'antd';
import { api } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n/i18n';
import {
  DEFAULT_EVENTS,
  eventLabel,
  HOOK_PATH,
  NOTIFICATION_EVENTS,
  type HookKind,
  type Webhook,
} from './types';

interface Fields {
  kind: HookKind;
  url: string;
  secret: string;
  namespaceName?: string;
  events?: string[];
  timeoutMs?: number;
  failurePolicy?: 'fail-closed' | 'fail-open';
}

/** Adds a validation or notification hook of the app in one environment (app masters). */
export function AddWebhookModal(props: { open: boolean; base: string; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  return (
    <FormModal<Fields, Webhook>
      open={props.open}
      title={t('hooks.add')}
      okText={t('common.add')}
      onClose={props.onClose}
      onDone={props.onDone}
      fields={['kind', 'url', 'secret', 'namespaceName', 'events', 'timeoutMs', 'failurePolicy']}
      initialValues={{ kind: 'notification', events: DEFAULT_EVENTS, failurePolicy: 'fail-closed' }}
      submit={({ kind, namespaceName, events, timeoutMs, failurePolicy, ...rest }) =>
        api<Webhook>(`${props.base}/${HOOK_PATH[kind]}`, {
          method: 'POST',
          body: {
            ...rest,
            ...(namespaceName ? { namespaceName } : {}),
            ...(kind === 'notification'
              ? { events }
              : { failurePolicy, ...(timeoutMs ? { timeoutMs } : {}) }),
          },
        })
      }
    >
      {(form) => (
        <>
          <Form.Item name="kind" label={t('hooks.kind')} rules={[{ required: true }]}>
            <Select
              options={[
                { value: 'notification', label: t('hooks.kind.notification') },
                { value: 'validation', label: t('hooks.kind.validation') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="url"
            label={t('hooks.url')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input placeholder="https://" />
          </Form.Item>
          <Form.Item
            name="secret"
            label={t('hooks.secret')}
            extra={t('hooks.secretHelp')}
            rules={[
              { required: true, message: t('common.required') },
              { min: 16, max: 256, message: t('hooks.secretLength') },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="namespaceName" label={t('hooks.namespace')} extra={t('hooks.namespaceHelp')}>
            <Input />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.kind !== b.kind}>
            {() =>
              form.getFieldValue('kind') === 'notification' ? (
                <Form.Item
                  name="events"
                  label={t('hooks.events')}
                  rules={[{ required: true, message: t('common.required') }]}
                >
                  <Select
                    mode="multiple"
                    options={NOTIFICATION_EVENTS.map((event) => ({
                      value: event,
                      label: eventLabel(event, t),
                    }))}
                  />
                </Form.Item>
              ) : (
                <>
                  <Form.Item name="failurePolicy" label={t('hooks.failurePolicy')}>
                    <Select
                      options={[
                        { value: 'fail-closed', label: t('hooks.failClosed') },
                        { value: 'fail-open', label: t('hooks.failOpen') },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item name="timeoutMs" label={t('hooks.timeoutMs')}>
                    <InputNumber
                      min={100}
                      max={30000}
                      step={100}
                      placeholder="5000"
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                </>
              )
            }
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
