import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAllInOne, type RunningHouston } from './all-in-one';
import { call } from './test-support/http-client';
import { TEST_ALL_IN_ONE } from './test-support/start-houston';

/**
 * HOUSTON_METRICS_CLIENT_ROUTES: the client API is timed by route unless it is set to false (what
 * the read benchmark compares); the rest of the HTTP metrics stay either way.
 */
describe.each([
  { setting: 'true', timed: true },
  { setting: 'false', timed: false },
])('client route metrics with HOUSTON_METRICS_CLIENT_ROUTES=$setting', ({ setting, timed }) => {
  let houston: RunningHouston;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'houston-route-metrics-'));
    houston = await startAllInOne({
      HOUSTON_DB_URL: `sqlite:${join(dir, 'houston.sqlite')}`,
      HOUSTON_CONFIG_PORT: '0',
      HOUSTON_ADMIN_PORT: '0',
      ...TEST_ALL_IN_ONE,
      HOUSTON_LOG_LEVEL: 'error',
      HOUSTON_METRICS_CLIENT_ROUTES: setting,
    });
  });

  afterAll(async () => {
    await houston?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`${timed ? 'times' : 'does not time'} GET /configs, and times the other routes`, async () => {
    expect((await call(houston.configUrl, 'GET', '/configs/nobody/default/application')).status).toBe(404);
    expect((await call(houston.configUrl, 'GET', '/services/config')).status).toBe(200);
    const text = (await call(houston.configUrl, 'GET', '/metrics')).text;
    const series = (route: string) =>
      text
        .split('\n')
        .filter((line) => line.startsWith('houston_http_request_duration_seconds_count{'))
        .filter((line) => line.includes(`route="${route}"`));
    expect(series('/configs').length > 0).toBe(timed);
    expect(series('/services/config').length).toBeGreaterThan(0);
  });
});
