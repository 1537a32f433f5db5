import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { ConfigEditor, problemOf, type RefusedText } from '../../editor/ConfigEditor';
import { useI18n } from '../../i18n/i18n';
import { refreshNamespace, type NamespaceContext } from './namespace-context';

interface ChangeSummary {
  created: number;
  updated: number;
  deleted: number;
  revision: number;
}

/**
 * The namespace as one text. An edit stays in the editor until it is saved: a refused save keeps
 * it (with the server's reason, at its line when it names one), and a refresh of the namespace
 * does not overwrite it.
 */
export function TextTab({ ns }: { ns: NamespaceContext }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const stored = ns.namespace.configText;
  const [draft, setDraft] = useState(stored);
  const [base, setBase] = useState({ text: stored, revision: ns.namespace.revision });
  const [refused, setRefused] = useState<RefusedText>();
  const [error, setError] = useState<string>();
  const dirty = draft !== base.text;

  // Someone saved (here or elsewhere): take the new text unless there are edits in progress.
  useEffect(() => {
    if (!dirty) {
      setDraft(stored);
      setBase({ text: stored, revision: ns.namespace.revision });
    }
  }, [stored, ns.namespace.revision]);

  const save = useMutation({
    mutationFn: (text: string) =>
      api<ChangeSummary>(`${ns.path}/items`, {
        method: 'PUT',
        body: { configText: text, revision: base.revision },
      }),
    onSuccess: async (summary, text) => {
      setError(undefined);
      setRefused(undefined);
      setBase({ text, revision: summary.revision });
      void message.success(t('ns.text.saved', { ...summary }));
      await refreshNamespace(queryClient, ns);
    },
    onError: (caught, text) => {
      setError(describeError(caught, t));
      if (caught instanceof ApiError && caught.line !== undefined) {
        const column = typeof caught.details['column'] === 'number' ? caught.details['column'] : 1;
        const reason =
          typeof caught.details['reason'] === 'string' ? caught.details['reason'] : caught.message;
        setRefused({ text, line: caught.line, column, message: reason.replace(/^line \d+: /, '') });
      }
    },
  });
  const trySave = () => {
    if (!ns.canModify || save.isPending || !dirty) return;
    if (problemOf(ns.namespace.format, draft, refused)) return;
    save.mutate(draft);
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {ns.canModify && (
        <Space>
          <Button type="primary" onClick={trySave} loading={save.isPending} disabled={!dirty}>
            {t('ns.text.save')}
          </Button>
          <Button
            onClick={() => {
              setDraft(base.text);
              setError(undefined);
              setRefused(undefined);
            }}
            disabled={!dirty}
          >
            {t('ns.text.reset')}
          </Button>
          {dirty && <Tag color="orange">{t('ns.text.unsaved')}</Tag>}
        </Space>
      )}
      {error && <Alert type="error" showIcon message={error} role="alert" data-testid="save-error" />}
      <ConfigEditor
        format={ns.namespace.format}
        value={draft}
        onChange={setDraft}
        onSave={trySave}
        readOnly={!ns.canModify}
        refused={refused}
        ariaLabel={`${ns.namespace.namespaceName} text`}
      />
    </Space>
  );
}
