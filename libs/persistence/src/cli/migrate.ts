/** `npm run migrate`: applies pending migrations to HOUSTON_DB_URL and exits. */
import { createDataSource } from '../data-source/create-data-source';
import { describeDatabaseUrl } from '../data-source/database-url';
import { runMigrations } from '../migrations/run-migrations';

const url = process.env['HOUSTON_DB_URL'] ?? 'sqlite:./data/houston.sqlite';
try {
  const dataSource = await createDataSource({ url });
  const applied = await runMigrations(dataSource);
  console.log(JSON.stringify({ msg: 'migrations applied', database: describeDatabaseUrl(url), applied }));
  await dataSource.destroy();
} catch (error) {
  console.error(
    JSON.stringify({ msg: 'migration failed', database: describeDatabaseUrl(url), error: String(error) }),
  );
  process.exit(1);
}
