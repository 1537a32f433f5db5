import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { I18nProvider } from '../i18n/i18n';
import { ConfigEditor, type RefusedText } from './ConfigEditor';

function Harness(props: {
  format: 'json' | 'properties' | 'yaml' | 'xml';
  initial: string;
  refused?: RefusedText;
  onSave?(): void;
}) {
  const [text, setText] = useState(props.initial);
  return (
    <I18nProvider language="en">
      <ConfigEditor
        format={props.format}
        value={text}
        onChange={setText}
        onSave={props.onSave}
        refused={props.refused}
      />
      <output data-testid="text">{text}</output>
    </I18nProvider>
  );
}

const status = () => screen.getByTestId('syntax-status').textContent;

describe('ConfigEditor', () => {
  it('marks a JSON syntax error at its line, in the gutter and in words', async () => {
    const { container } = render(<Harness format="json" initial={'{\n  "a": 1,\n  "b": \n}'} />);
    expect(status()).toMatch(/^Line 4: /);
    // The lint gutter shows the marker once CodeMirror's linter has run (after its short delay).
    await waitFor(() => expect(container.querySelector('.cm-lint-marker-error')).not.toBeNull());
    // The error range is drawn on the fourth text line, the one JSON.parse stops at.
    await waitFor(() => expect(container.querySelector('.cm-lintRange-error')).not.toBeNull());
    const lines = [...container.querySelectorAll('.cm-line')];
    expect(lines.findIndex((line) => line.querySelector('.cm-lintRange-error'))).toBe(3);
  });

  it('says the text is valid when it is, for each format', () => {
    render(<Harness format="yaml" initial={'a: 1\nb:\n  c: 2\n'} />);
    expect(status()).toBe('No syntax errors');
  });

  it('marks a properties line without a key', () => {
    render(<Harness format="properties" initial={'timeout = 100\n= orphan\n'} />);
    expect(status()).toMatch(/^Line 2: /);
  });

  it('shows the server refusal at its line while the refused text is unchanged', () => {
    const text = 'a = 1\nb = 2\n';
    render(
      <Harness
        format="properties"
        initial={text}
        refused={{ text, line: 2, column: 1, message: 'value too long' }}
      />,
    );
    expect(status()).toBe('Line 2: value too long');
  });

  it('saves with Ctrl+S and keeps what was typed', async () => {
    const onSave = jest.fn();
    const { container } = render(<Harness format="properties" initial={'a = 1\n'} onSave={onSave} />);
    const content = container.querySelector('.cm-content') as HTMLElement;
    await act(async () => {
      fireEvent.keyDown(content, { key: 's', code: 'KeyS', ctrlKey: true });
    });
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('text').textContent).toBe('a = 1\n');
  });

  it('is read-only without the permission: no status line', () => {
    render(
      <I18nProvider language="en">
        <ConfigEditor format="json" value="{" readOnly />
      </I18nProvider>,
    );
    expect(screen.queryByTestId('syntax-status')).toBeNull();
  });
});
