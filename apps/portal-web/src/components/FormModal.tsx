import { Alert, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { showErrorOnForm } from './form-errors';

export interface FormModalProps<Fields extends object, Result> {
  open: boolean;
  title: ReactNode;
  /** The confirm button's text (e.g. "Create app"). */
  okText: string;
  /**
   * Sends the form. A refusal is shown next to the field it names (`details.field`, when that
   * is one of `fields`) or above the buttons; the dialog stays open with everything typed.
   */
  submit(fields: Fields): Promise<Result>;
  /** Called with the answer after a successful submit; the dialog resets and closes. */
  onDone?(result: Result, fields: Fields): void | Promise<void>;
  onClose(): void;
  /** The names of the form's fields an API refusal may point at. */
  fields: readonly (keyof Fields & string)[];
  /**
   * For a refusal that names its field otherwise than by `details.field`: the field and the
   * words to put under it; undefined leaves the refusal to the default placing.
   */
  placeError?(error: unknown): { field: keyof Fields & string; text: string } | undefined;
  initialValues?: Partial<Fields>;
  /** The form's items; a function gets the form (to watch one field and show another). */
  children: ReactNode | ((form: FormInstance<Fields>) => ReactNode);
  /** Keeps the dialog open after success (to show what the answer holds, e.g. a token). */
  keepOpenOnDone?: boolean;
  width?: number;
}

const TEXT_INPUTS = new Set(['text', 'password', 'email', 'url', 'number', 'tel']);

/**
 * The one dialog every create/edit form of the console uses: validates, sends, shows the
 * server's refusal in words where it belongs, and loses nothing the person typed when a save
 * fails.
 */
export function FormModal<Fields extends object, Result = unknown>(props: FormModalProps<Fields, Result>) {
  const { t } = useI18n();
  const [form] = Form.useForm<Fields>();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  const close = () => {
    setError(undefined);
    props.onClose();
  };

  const send = async (fields: Fields) => {
    setError(undefined);
    setPending(true);
    try {
      const result = await props.submit(fields);
      setPending(false);
      await props.onDone?.(result, fields);
      if (!props.keepOpenOnDone) {
        form.resetFields();
        props.onClose();
      }
    } catch (caught) {
      setPending(false);
      const placed = props.placeError?.(caught);
      if (placed) {
        form.setFields([{ name: placed.field as never, errors: [placed.text] }]);
        setError(undefined);
      } else setError(showErrorOnForm(form, caught, t, props.fields));
    }
  };

  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={props.okText}
      cancelText={t('common.cancel')}
      confirmLoading={pending}
      onOk={() => form.submit()}
      onCancel={close}
      width={props.width}
      destroyOnHidden
    >
      <Form<Fields>
        form={form}
        layout="vertical"
        initialValues={props.initialValues}
        onFinish={(fields) => void send(fields)}
        onKeyDown={(event) => {
          // Enter in a text field sends the form, however many fields it has (a browser submits a
          // form on Enter only when it has a single field or a submit button). Not in a select,
          // whose Enter picks an option, nor while an input method is composing.
          const target = event.target;
          if (
            event.key === 'Enter' &&
            !event.nativeEvent.isComposing &&
            target instanceof HTMLInputElement &&
            TEXT_INPUTS.has(target.type) &&
            target.getAttribute('role') !== 'combobox'
          ) {
            event.preventDefault();
            form.submit();
          }
        }}
      >
        {typeof props.children === 'function' ? props.children(form) : props.children}
        {error && <Alert type="error" showIcon message={error} role="alert" />}
      </Form>
    </Modal>
  );
}
