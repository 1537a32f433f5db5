import { Column, type ColumnOptions } from 'typeorm';

const largeTextColumns = new Set<string>();

/**
 * A text column that may hold more than 64 KB (release snapshots, documents, change sets).
 * SQLite's TEXT has no such limit but MySQL's does, and TypeORM cannot declare a per-dialect
 * type, so these columns are declared `text` and widened to LONGTEXT on MySQL by the data
 * source (see `widenLargeTextColumns` in persistence). The MySQL migrations create LONGTEXT.
 */
export function LargeTextColumn(options: Omit<ColumnOptions, 'type'> = {}): PropertyDecorator {
  const column = Column({ ...options, type: 'text' });
  return (target, propertyKey) => {
    largeTextColumns.add(`${target.constructor.name}.${String(propertyKey)}`);
    column(target, propertyKey);
  };
}

export function isLargeTextColumn(entityName: string, propertyName: string): boolean {
  return largeTextColumns.has(`${entityName}.${propertyName}`);
}
