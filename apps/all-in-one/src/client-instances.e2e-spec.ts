import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAllInOne } from './all-in-one';
import { clientInstanceSuite } from './test-support/instance-burst';
import { TEST_ALL_IN_ONE } from './test-support/start-houston';

describe('client instances on the embedded default (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'houston-instances-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  clientInstanceSuite(() =>
    startAllInOne({
      HOUSTON_DB_URL: `sqlite:${join(dir, 'houston.sqlite')}`,
      HOUSTON_CONFIG_PORT: '0',
      HOUSTON_ADMIN_PORT: '0',
      ...TEST_ALL_IN_ONE,
      HOUSTON_LOG_LEVEL: 'error',
      HOUSTON_INSTANCE_FLUSH_INTERVAL: '10m',
    }),
  );
});
