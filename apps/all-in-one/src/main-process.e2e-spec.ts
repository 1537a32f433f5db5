import { startHoustonProcess } from '@houston/testing';
import { call } from './test-support/http-client';

describe('the npm start entry point, as a process', () => {
  it('prints its URLs, serves, and exits 0 on SIGTERM', async () => {
    const houston = await startHoustonProcess();
    try {
      expect((await call(houston.configUrl, 'GET', '/health')).status).toBe(200);
      expect((await call(houston.adminUrl, 'GET', '/ready')).status).toBe(200);
    } finally {
      expect(await houston.stop()).toBe(0);
    }
  });

  it('refuses a wrong setting with a clear message and exit code 1', async () => {
    await expect(startHoustonProcess({ HOUSTON_SCAN_INTERVAL: 'soon' })).rejects.toThrow(
      /exited with 1[\s\S]*HOUSTON_SCAN_INTERVAL: must be a duration/,
    );
  });
});
