import {
  createScratchMysqlDatabase,
  describeWithMysql,
  startHoustonProcess,
  type ScratchDatabase,
} from '@houston/testing';
import { hostileInputSuite } from './test-support/hostile-input-suite';

// The hostile payloads against `npm start` on a scratch MariaDB database.
describeWithMysql('hostile input against the running server (MariaDB)', () => {
  let scratch: ScratchDatabase | undefined;
  hostileInputSuite(
    async (env) => {
      scratch = await createScratchMysqlDatabase('houston_hostile');
      return startHoustonProcess({ ...env, HOUSTON_DB_URL: scratch.url });
    },
    async () => {
      await scratch?.drop();
    },
  );
});
