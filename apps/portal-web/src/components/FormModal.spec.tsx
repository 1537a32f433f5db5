import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Form, Input } from 'antd';
import { ApiError } from '../api/client';
import { I18nProvider } from '../i18n/i18n';
import { FormModal } from './FormModal';
import { provideMessageChannel } from '../testing/message-channel';

provideMessageChannel();

interface Fields {
  appId: string;
  name: string;
}

function renderModal(
  submit: (fields: Fields) => Promise<unknown>,
  options: {
    onDone?: jest.Mock;
    onClose?: jest.Mock;
    language?: 'en' | 'zh-CN';
    placeError?: (error: unknown) => { field: 'appId' | 'name'; text: string } | undefined;
  } = {},
) {
  const onDone = options.onDone ?? jest.fn();
  const onClose = options.onClose ?? jest.fn();
  render(
    <I18nProvider language={options.language ?? 'en'}>
      <FormModal<Fields>
        open
        title="Create app"
        okText="Create"
        fields={['appId', 'name']}
        submit={submit}
        onDone={onDone}
        onClose={onClose}
        placeError={options.placeError}
      >
        <Form.Item name="appId" label="App id" rules={[{ required: true, message: 'Required' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="name" label="Name">
          <Input />
        </Form.Item>
      </FormModal>
    </I18nProvider>,
  );
  return { onDone, onClose };
}

const dialog = () => screen.getByRole('dialog');
const field = (label: string) => within(dialog()).getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.change(field(label), { target: { value } });
const confirm = () =>
  act(async () => {
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Create' }));
  });
/** The error antd shows under a form item, found from the item's input. */
const errorUnder = (label: string) =>
  field(label).closest('.ant-form-item')?.querySelector('.ant-form-item-explain-error')?.textContent;

describe('FormModal', () => {
  it('sends the form when Enter is pressed in a text field, though it has more than one', async () => {
    const submit = jest.fn(() => Promise.resolve({}));
    const { onDone } = renderModal(submit);
    type('App id', 'shop');
    type('Name', 'Shop');
    await act(async () => {
      fireEvent.keyDown(field('Name'), { key: 'Enter', code: 'Enter', keyCode: 13 });
    });
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(submit).toHaveBeenCalledTimes(1);
    expect(submit).toHaveBeenCalledWith({ appId: 'shop', name: 'Shop' });
  });

  it('shows a refusal that names a field under that field, and keeps everything typed', async () => {
    const submit = jest.fn(() =>
      Promise.reject(new ApiError(400, 'VALIDATION_FAILED', 'appId: letters only', { field: 'appId' })),
    );
    const { onDone, onClose } = renderModal(submit);
    type('App id', 'bad id!');
    type('Name', 'Shop');
    await confirm();
    await waitFor(() => expect(errorUnder('App id')).toContain('appId: letters only'));
    expect(submit).toHaveBeenCalledWith({ appId: 'bad id!', name: 'Shop' });
    expect(field('App id').value).toBe('bad id!');
    expect(field('Name').value).toBe('Shop');
    expect(errorUnder('Name')).toBeUndefined();
    // Not at the bottom as well: the field says it.
    expect(within(dialog()).queryByRole('alert')).toBeNull();
    expect(onDone).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('shows a refusal that names no field of the form above the buttons, in the chosen language', async () => {
    const submit = jest.fn(() => Promise.reject(new ApiError(409, 'CONFLICT', 'shop already exists', {})));
    renderModal(submit, { language: 'zh-CN' });
    type('App id', 'shop');
    await act(async () => {
      fireEvent.click(within(dialog()).getByRole('button', { name: 'Create' }));
    });
    const alert = await within(dialog()).findByRole('alert');
    expect(alert.textContent).toMatch(/[\u4e00-\u9fff]/);
    expect(field('App id').value).toBe('shop');
  });

  it('does not send a form that fails its own rules', async () => {
    const submit = jest.fn(() => Promise.resolve({}));
    renderModal(submit);
    await confirm();
    await waitFor(() => expect(errorUnder('App id')).toBe('Required'));
    expect(submit).not.toHaveBeenCalled();
  });

  it('hands the answer on and closes after a success; a second try after a refusal clears it', async () => {
    let refuse = true;
    const submit = jest.fn((fields: Fields) =>
      refuse
        ? Promise.reject(new ApiError(503, 'UNAVAILABLE', 'down', { env: 'PRO' }))
        : Promise.resolve({ created: fields.appId }),
    );
    const { onDone, onClose } = renderModal(submit);
    type('App id', 'shop');
    await confirm();
    await within(dialog()).findByRole('alert');
    refuse = false;
    await confirm();
    await waitFor(() => expect(onDone).toHaveBeenCalledWith({ created: 'shop' }, { appId: 'shop' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(within(dialog()).queryByRole('alert')).toBeNull();
  });

  it('puts a refusal that names its field another way where placeError says, and others as usual', async () => {
    const submit = jest
      .fn()
      .mockRejectedValueOnce(new ApiError(404, 'NOT_FOUND', 'no such app', { appId: 'shop' }))
      .mockRejectedValueOnce(new ApiError(503, 'UNAVAILABLE', 'down', {}));
    renderModal(submit, {
      placeError: (error) =>
        error instanceof ApiError && error.details['appId'] !== undefined
          ? { field: 'appId', text: `No app ${String(error.details['appId'])}` }
          : undefined,
    });
    type('App id', 'shop');
    await confirm();
    await waitFor(() => expect(errorUnder('App id')).toBe('No app shop'));
    expect(within(dialog()).queryByRole('alert')).toBeNull();
    await confirm();
    await within(dialog()).findByRole('alert');
    expect(field('App id').value).toBe('shop');
  });
});
