import { cellText, formatJson, formatRecord, formatTable } from './format-table';

describe('formatTable', () => {
  it('aligns columns under upper-case headers without trailing spaces', () => {
    const text = formatTable(
      [
        { key: 'timeout', value: '100' },
        { key: 'db.url', value: 'jdbc:mysql://db/orders' },
      ],
      [
        { header: 'key', value: (row) => row.key },
        { header: 'value', value: (row) => row.value },
      ],
    );
    expect(text).toBe('KEY      VALUE\ntimeout  100\ndb.url   jdbc:mysql://db/orders\n');
  });

  it('prints only the header for no rows', () => {
    expect(formatTable([], [{ header: 'app', value: () => '' }])).toBe('APP\n');
  });

  it('keeps every cell on one line and cuts long ones', () => {
    expect(cellText('a\nb')).toBe('a\\nb');
    expect(cellText('x'.repeat(100))).toHaveLength(60);
    expect(cellText('x'.repeat(100)).endsWith('…')).toBe(true);
    expect(cellText(undefined)).toBe('');
    expect(cellText({ a: 1 })).toBe('{"a":1}');
  });
});

describe('formatRecord and formatJson', () => {
  it('aligns keys', () => {
    expect(
      formatRecord([
        ['app', 'demo'],
        ['owner', 'ann'],
      ]),
    ).toBe('app:   demo\nowner: ann\n');
  });

  it('prints indented JSON with a final newline', () => {
    expect(formatJson({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}\n');
  });
});
