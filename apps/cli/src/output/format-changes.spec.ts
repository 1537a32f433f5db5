import { formatChanges } from './format-changes';

describe('formatChanges', () => {
  it('shows added, modified and deleted keys as +, ~ and - lines', () => {
    const text = formatChanges({
      added: [
        { key: 'z', value: '1' },
        { key: 'a', value: '2' },
      ],
      modified: [{ key: 'timeout', oldValue: '100', newValue: '200' }],
      deleted: [{ key: 'port', value: '8080' }],
    });
    expect(text).toBe('+ a = 2\n+ z = 1\n~ timeout: 100 -> 200\n- port = 8080\n');
  });

  it('prints nothing when nothing changed', () => {
    expect(formatChanges({ added: [], modified: [], deleted: [] })).toBe('');
  });

  it('keeps a multi-line document on one line', () => {
    expect(
      formatChanges({ added: [], modified: [], deleted: [{ key: 'content', value: 'a: 1\nb: 2' }] }),
    ).toBe('- content = a: 1\\nb: 2\n');
  });
});
