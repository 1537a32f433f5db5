import type { DatabaseSchema } from '@houston/persistence';
import { PORTAL_MYSQL_MIGRATIONS } from './migrations/mysql';
import { PORTAL_SQLITE_MIGRATIONS } from './migrations/sqlite';
import { PORTAL_ENTITIES } from './portal-entities';

/** The portal's own tables: people, sessions and permissions (configuration stays in each environment). */
export const PORTAL_SCHEMA: DatabaseSchema = {
  entities: PORTAL_ENTITIES,
  migrations: { mysql: PORTAL_MYSQL_MIGRATIONS, sqlite: PORTAL_SQLITE_MIGRATIONS },
};
