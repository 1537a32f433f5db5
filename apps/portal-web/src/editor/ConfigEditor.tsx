import { json } from '@codemirror/lang-json';
import { xml } from '@codemirror/lang-xml';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, linter, type Diagnostic } from '@codemirror/lint';
import CodeMirror, { EditorView, keymap, type Extension } from '@uiw/react-codemirror';
import { Typography } from 'antd';
import { useMemo, useRef } from 'react';
import type { NamespaceFormat } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { checkText, offsetOf, type SyntaxProblem } from './syntax';

export interface RefusedText extends SyntaxProblem {
  /** The text the server refused: its marker shows while the editor still holds exactly that. */
  text: string;
}

export interface ConfigEditorProps {
  format: NamespaceFormat;
  value: string;
  onChange?(value: string): void;
  /** Ctrl+S / Cmd+S. */
  onSave?(): void;
  readOnly?: boolean;
  /** Where the server refused the last save (a rule the editor does not know, e.g. a length limit). */
  refused?: RefusedText;
  height?: string;
  ariaLabel?: string;
}

function languageOf(format: NamespaceFormat): Extension[] {
  switch (format) {
    case 'json':
      return [json()];
    case 'yaml':
    case 'yml':
      return [yaml()];
    case 'xml':
      return [xml()];
    default:
      return [];
  }
}

/** The problem the editor shows for `text`: its own check first, else the server's refusal of this very text. */
export function problemOf(
  format: NamespaceFormat,
  text: string,
  refused?: RefusedText,
): SyntaxProblem | undefined {
  return checkText(format, text) ?? (refused && refused.text === text ? refused : undefined);
}

function diagnosticOf(
  text: string,
  problem: SyntaxProblem,
  describe: (problem: SyntaxProblem) => string,
): Diagnostic {
  const from = offsetOf(text, problem.line, problem.column);
  const lineEnd = offsetOf(text, problem.line, Number.MAX_SAFE_INTEGER);
  return { from, to: Math.max(from, lineEnd), severity: 'error', message: describe(problem) };
}

/**
 * The text editor of a namespace: highlighting for its format and live syntax checking with the
 * save-time rules, marked in the gutter at the line and described under the editor.
 */
export function ConfigEditor(props: ConfigEditorProps) {
  const { t } = useI18n();
  const { format, value, onChange, onSave, readOnly, refused, height = '420px', ariaLabel } = props;
  // The linter and keymap are built once per format; they read the latest props through refs.
  const latest = useRef({ refused, onSave, t });
  latest.current = { refused, onSave, t };
  const describe = (problem: SyntaxProblem) =>
    latest.current.t('ns.text.syntaxError', { line: problem.line, reason: problem.message });

  const extensions = useMemo(
    () => [
      ...languageOf(format),
      EditorView.lineWrapping,
      lintGutter(),
      linter(
        (view) => {
          const text = view.state.doc.toString();
          const problem = problemOf(format, text, latest.current.refused);
          return problem ? [diagnosticOf(text, problem, describe)] : [];
        },
        { delay: 250 },
      ),
      keymap.of([
        {
          key: 'Mod-s',
          preventDefault: true,
          run: () => {
            latest.current.onSave?.();
            return true;
          },
        },
      ]),
      EditorView.contentAttributes.of({ 'aria-label': ariaLabel ?? 'editor' }),
    ],
    [format, ariaLabel],
  );
  const problem = problemOf(format, value, refused);

  return (
    <div>
      <CodeMirror
        value={value}
        height={height}
        editable={!readOnly}
        readOnly={readOnly}
        onChange={(next) => onChange?.(next)}
        extensions={extensions}
        basicSetup={{
          foldGutter: format !== 'properties' && format !== 'txt',
          highlightActiveLine: !readOnly,
        }}
        style={{ border: '1px solid #d9d9d9', borderRadius: 6, overflow: 'hidden', fontSize: 13 }}
      />
      {!readOnly && (
        <Typography.Text
          role="status"
          data-testid="syntax-status"
          type={problem ? 'danger' : 'secondary'}
          style={{ display: 'block', marginTop: 6 }}
        >
          {problem ? describe(problem) : t('ns.text.valid')}
        </Typography.Text>
      )}
    </div>
  );
}
