import { render, screen, within } from '@testing-library/react';
import { I18nProvider } from '../i18n/i18n';
import { DiffView, diffConfigurations, isEmptyDiff } from './DiffView';

const renderDiff = (
  before: Record<string, string>,
  after: Record<string, string>,
  language: 'en' | 'zh-CN' = 'en',
) =>
  render(
    <I18nProvider language={language}>
      <DiffView diff={diffConfigurations(before, after)} />
    </I18nProvider>,
  );

const row = (container: HTMLElement, key: string) =>
  container.querySelector(`tr[data-key="${key}"]`) as HTMLElement;

describe('DiffView', () => {
  it('computes added, changed and deleted keys, and nothing for equal configurations', () => {
    const diff = diffConfigurations({ a: '1', b: '2', c: '3' }, { a: '1', b: '20', d: '4' });
    expect(diff).toEqual({
      added: [{ key: 'd', value: '4' }],
      modified: [{ key: 'b', oldValue: '2', newValue: '20' }],
      deleted: [{ key: 'c', value: '3' }],
    });
    expect(isEmptyDiff(diffConfigurations({ a: '1' }, { a: '1' }))).toBe(true);
    // A key named like an Object property is a key like any other.
    expect(diffConfigurations({}, { constructor: 'x' }).added).toEqual([{ key: 'constructor', value: 'x' }]);
  });

  it('shows each changed key with its kind and its values before and after', () => {
    const { container } = renderDiff(
      { timeout: '100', old: 'x', same: 's' },
      { timeout: '200', fresh: 'y', same: 's' },
    );
    expect(container.querySelectorAll('tr[data-kind]')).toHaveLength(3);
    const timeout = row(container, 'timeout');
    expect(timeout.dataset['kind']).toBe('modified');
    expect(within(timeout).getByText('Changed')).toBeTruthy();
    expect(within(timeout).getByTestId('diff-before').textContent).toBe('100');
    expect(within(timeout).getByTestId('diff-after').textContent).toBe('200');
    expect(row(container, 'fresh').dataset['kind']).toBe('added');
    expect(within(row(container, 'fresh')).queryByTestId('diff-before')).toBeNull();
    expect(row(container, 'old').dataset['kind']).toBe('deleted');
    expect(within(row(container, 'old')).queryByTestId('diff-after')).toBeNull();
    expect(row(container, 'same')).toBeNull();
  });

  it('shows a changed document (yaml, json, xml content) line by line', () => {
    const { container } = renderDiff({ content: 'a: 1\nb: 2\nc: 3\n' }, { content: 'a: 1\nb: 5\nc: 3\n' });
    const lines = within(row(container, 'content')).getByTestId('line-diff');
    expect(lines.querySelector('.diff-removed')?.textContent).toBe('- b: 2');
    expect(lines.querySelector('.diff-added')?.textContent).toBe('+ b: 5');
  });

  it('says there is no difference, in the chosen language', () => {
    renderDiff({ a: '1' }, { a: '1' }, 'zh-CN');
    expect(screen.getByText('没有差异。')).toBeTruthy();
  });
});
