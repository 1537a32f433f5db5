import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAllInOne } from './all-in-one';
import { heldPolls } from './test-support/held-polls';
import { call, notificationsQuery, waitFor } from './test-support/http-client';
import { TEST_ALL_IN_ONE } from './test-support/start-houston';

describe('graceful shutdown', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'houston-shutdown-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers held long polls with 304 instead of cutting them or waiting them out', async () => {
    const houston = await startAllInOne({
      HOUSTON_DB_URL: `sqlite:${join(dir, 'houston.sqlite')}`,
      HOUSTON_CONFIG_PORT: '0',
      HOUSTON_ADMIN_PORT: '0',
      ...TEST_ALL_IN_ONE,
      HOUSTON_LONG_POLL_TIMEOUT: '60s',
      HOUSTON_LOG_LEVEL: 'error',
    });
    const registry = houston.runtime.registry;
    expect((await registry.getInstances('houston-configservice')).length).toBe(1);

    const held = [1, 2, 3].map(() => call(houston.configUrl, 'GET', notificationsQuery('someone', 5)));
    // Proven held before the shutdown: the 304s below are then answers to held polls, not to
    // polls that arrived while the server was closing.
    await waitFor('three held long polls', () => heldPolls(houston) === 3);
    expect(heldPolls(houston)).toBe(3);
    const started = Date.now();
    const closing = houston.close();
    const answers = await Promise.all(held);
    expect(answers.map((answer) => answer.status)).toEqual([304, 304, 304]);
    expect(heldPolls(houston)).toBe(0);
    await closing;
    // Well inside the 60 s hold: the polls were released, not waited out.
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);
});
