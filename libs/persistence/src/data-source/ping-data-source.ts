import type { DataSource } from 'typeorm';

/** Whether the database answers a trivial query now (readiness, registry health). */
export async function pingDataSource(dataSource: DataSource): Promise<boolean> {
  try {
    await dataSource.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
