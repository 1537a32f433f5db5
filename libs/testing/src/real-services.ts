import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';

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

export const describeWithMysql: jest.Describe =
  process.env[MYSQL_AVAILABLE_FLAG] === '1' ? describe : (describe.skip as jest.Describe);

export const describeWithRedis: jest.Describe =
  process.env[REDIS_AVAILABLE_FLAG] === '1' ? describe : (describe.skip as jest.Describe);

export interface ScratchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A new, empty database on the test server, so each suite starts clean and runs in parallel. */
export async function createScratchMysqlDatabase(prefix = 'houston_t'): Promise<ScratchDatabase> {
  const base = new URL(TEST_MYSQL_URL);
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = await connectAdmin(base);
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const connection = await connectAdmin(base);
      try {
        await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await connection.end();
      }
    },
  };
}

function connectAdmin(base: URL) {
  return createConnection({
    host: base.hostname,
    port: Number(base.port || 3306),
    user: decodeURIComponent(base.username || 'root'),
    password: decodeURIComponent(base.password),
    connectTimeout: 3000,
  });
}
