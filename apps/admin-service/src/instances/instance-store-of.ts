import { Database, DatabaseInstanceStore, type InstanceStore } from '@houston/persistence';
import type { AdminServiceOptions } from '../admin-service.options';

/**
 * Where the admin-service reads client instances: its own store when given one, else the
 * database config-service writes them to (which `database` must then be).
 */
export function instanceStoreOf(options: AdminServiceOptions): InstanceStore {
  if (options.instances) return options.instances;
  if (options.database instanceof Database) return new DatabaseInstanceStore(options.database.dataSource);
  throw new Error('the admin-service needs an instance store when its repositories are not a database');
}
