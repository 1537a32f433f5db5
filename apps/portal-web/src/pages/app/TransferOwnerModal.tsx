import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Form, Input } from 'antd';
import { api, seg } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n/i18n';

interface OwnerTransfer {
  appId: string;
  ownerName: string;
  environments: string[];
  unreachable: string[];
}

/**
 * An app master hands the app to another portal user, in every environment that has it (the
 * account of someone who owns apps cannot be deleted until they are handed on). Environments that
 * did not answer are named, since the app there keeps its owner.
 */
export function TransferOwnerModal({
  appId,
  owner,
  open,
  onClose,
}: {
  appId: string;
  owner: string | undefined;
  open: boolean;
  onClose(): void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  return (
    <FormModal<{ ownerName: string }, OwnerTransfer>
      open={open}
      title={t('owner.title', { appId })}
      okText={t('owner.submit')}
      onClose={onClose}
      fields={['ownerName']}
      submit={(fields) =>
        api<OwnerTransfer>(`/api/apps/${seg(appId)}/owner`, {
          method: 'PUT',
          body: { ownerName: fields.ownerName.trim() },
        })
      }
      onDone={async (result) => {
        const done = t('owner.done', {
          ownerName: result.ownerName,
          environments: result.environments.join(', '),
        });
        if (result.unreachable.length > 0) {
          void message.warning(
            `${done} ${t('owner.unreachable', { environments: result.unreachable.join(', ') })}`,
          );
        } else void message.success(done);
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: ['app'] }),
          queryClient.invalidateQueries({ queryKey: ['apps'] }),
          queryClient.invalidateQueries({ queryKey: ['permissions', appId] }),
        ]);
      }}
    >
      {owner && <p>{t('owner.current', { ownerName: owner })}</p>}
      <Form.Item
        name="ownerName"
        label={t('owner.newOwner')}
        rules={[{ required: true, whitespace: true, message: t('common.required') }]}
      >
        <Input autoFocus autoComplete="off" />
      </Form.Item>
    </FormModal>
  );
}
