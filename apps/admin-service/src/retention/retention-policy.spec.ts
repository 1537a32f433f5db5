import { loadEnv } from '@houston/server-kit';
import { ADMIN_SERVICE_ENV, retentionFromEnv } from '../admin-service.env';
import { retentionEnabled } from './retention-policy';

describe('retention settings', () => {
  it('are off unless set', () => {
    expect(retentionEnabled(retentionFromEnv(loadEnv(ADMIN_SERVICE_ENV, {})))).toBe(false);
  });

  it('read counts and durations', () => {
    const policy = retentionFromEnv(
      loadEnv(ADMIN_SERVICE_ENV, {
        HOUSTON_RETENTION_KEEP_RELEASES: '20',
        HOUSTON_RETENTION_MAX_AGE: '2160h',
        HOUSTON_RETENTION_INTERVAL: '10m',
        HOUSTON_RETENTION_BATCH: '100',
      }),
    );
    expect(policy).toEqual({
      keepReleases: 20,
      maxAgeMs: 2160 * 3600 * 1000,
      intervalMs: 600_000,
      batchSize: 100,
    });
    expect(retentionEnabled(policy)).toBe(true);
  });

  it('refuse values that make no sense, naming the variable', () => {
    for (const [name, value] of [
      ['HOUSTON_RETENTION_KEEP_RELEASES', '-1'],
      ['HOUSTON_RETENTION_INTERVAL', '10ms'],
      ['HOUSTON_RETENTION_BATCH', '0'],
      ['HOUSTON_RETENTION_MAX_AGE', 'soon'],
    ] as const) {
      expect(() => loadEnv(ADMIN_SERVICE_ENV, { [name]: value })).toThrow(name);
    }
  });
});
