/**
 * Suites that need the real MariaDB/Redis run against the servers on 127.0.0.1. On a laptop
 * without them they are skipped with a message; with HOUSTON_REQUIRE_REAL_SERVICES=1 (CI sets it)
 * a missing server fails the run instead.
 */
export const REAL_SERVICES_REQUIRED = process.env['HOUSTON_REQUIRE_REAL_SERVICES'] === '1';

export const TEST_MYSQL_URL = process.env['HOUSTON_TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306/test';
export const TEST_REDIS_URL = process.env['HOUSTON_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** Set by the integration project's global setup after it reached each server. */
export const MYSQL_AVAILABLE_FLAG = 'HOUSTON_TEST_MYSQL_AVAILABLE';
export const REDIS_AVAILABLE_FLAG = 'HOUSTON_TEST_REDIS_AVAILABLE';
