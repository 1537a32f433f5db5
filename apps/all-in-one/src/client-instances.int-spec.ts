import {
  createScratchMysqlDatabase,
  describeWithMysql,
  describeWithRedis,
  TEST_REDIS_URL,
  type ScratchDatabase,
} from '@houston/testing';
import { startAllInOne } from './all-in-one';
import { clientInstanceSuite } from './test-support/instance-burst';
import { TEST_ALL_IN_ONE } from './test-support/start-houston';

const SETTINGS = {
  HOUSTON_CONFIG_PORT: '0',
  HOUSTON_ADMIN_PORT: '0',
  ...TEST_ALL_IN_ONE,
  HOUSTON_LOG_LEVEL: 'error',
  HOUSTON_INSTANCE_FLUSH_INTERVAL: '10m',
  HOUSTON_DB_POOL_SIZE: '4',
};

describeWithMysql('client instances on MariaDB', () => {
  let scratch: ScratchDatabase;
  afterAll(async () => scratch?.drop());
  clientInstanceSuite(async () => {
    scratch = await createScratchMysqlDatabase('houston_instances');
    return startAllInOne({ ...SETTINGS, HOUSTON_DB_URL: scratch.url });
  });
});

describeWithRedis('client instances in Redis (database on MariaDB)', () => {
  let scratch: ScratchDatabase;
  afterAll(async () => scratch?.drop());
  clientInstanceSuite(async () => {
    scratch = await createScratchMysqlDatabase('houston_instances');
    // A database of its own in Redis (index 7) so runs do not see each other's instances.
    const url = new URL(TEST_REDIS_URL);
    url.pathname = '/7';
    const houston = await startAllInOne({
      ...SETTINGS,
      HOUSTON_DB_URL: scratch.url,
      HOUSTON_REDIS_URL: url.toString(),
    });
    await houston.runtime.redis!.flushdb();
    return houston;
  });
});
