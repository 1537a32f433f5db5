export interface Column<Row> {
  header: string;
  value: (row: Row) => unknown;
}

const MAX_CELL = 60;

/** Renders a cell on one line: tables are for reading, `--json` is for everything else. */
export function cellText(value: unknown, max = MAX_CELL): string {
  const text =
    value === undefined || value === null
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  const oneLine = text.replace(/\r?\n/g, '\\n');
  return oneLine.length > max ? oneLine.slice(0, max - 1) + '…' : oneLine;
}

/** A plain aligned table with an upper-case header row, as `kubectl get` prints them. */
export function formatTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = rows.map((row) => columns.map((column) => cellText(column.value(row))));
  const headers = columns.map((column) => column.header.toUpperCase());
  const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((line) => line[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((value, i) => (i === values.length - 1 ? value : value.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...cells.map(line)].join('\n') + '\n';
}

/** `key: value` lines for one object, keys aligned. */
export function formatRecord(fields: ReadonlyArray<readonly [string, unknown]>): string {
  const width = Math.max(0, ...fields.map(([name]) => name.length));
  return (
    fields.map(([name, value]) => `${(name + ':').padEnd(width + 1)} ${cellText(value, 10_000)}`).join('\n') +
    '\n'
  );
}

export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
