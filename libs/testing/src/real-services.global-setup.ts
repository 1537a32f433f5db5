import { createConnection } from 'mysql2/promise';
import { Redis } from 'ioredis';
import {
  MYSQL_AVAILABLE_FLAG,
  REAL_SERVICES_REQUIRED,
  REDIS_AVAILABLE_FLAG,
  TEST_MYSQL_URL,
  TEST_REDIS_URL,
} from './real-services-env';

async function reachMysql(): Promise<string | null> {
  const url = new URL(TEST_MYSQL_URL);
  try {
    const connection = await createConnection({
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username || 'root'),
      password: decodeURIComponent(url.password),
      connectTimeout: 3000,
    });
    await connection.query('SELECT 1');
    await connection.end();
    return null;
  } catch (error) {
    return String(error);
  }
}

async function reachRedis(): Promise<string | null> {
  const redis = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    await redis.ping();
    return null;
  } catch (error) {
    return String(error);
  } finally {
    redis.disconnect();
  }
}

/** Finds out once, before any suite loads, which real servers the integration suites can use. */
export default async function realServicesGlobalSetup(): Promise<void> {
  const problems: string[] = [];
  for (const [name, flag, url, reach] of [
    ['MariaDB/MySQL', MYSQL_AVAILABLE_FLAG, TEST_MYSQL_URL, reachMysql],
    ['Redis', REDIS_AVAILABLE_FLAG, TEST_REDIS_URL, reachRedis],
  ] as const) {
    const problem = await reach();
    if (problem === null) {
      process.env[flag] = '1';
      continue;
    }
    process.env[flag] = '0';
    const where = url.replace(/\/\/([^:@/]*):[^@]*@/, '//$1:***@');
    problems.push(`${name} at ${where} is unreachable (${problem})`);
  }
  if (problems.length === 0) return;
  if (REAL_SERVICES_REQUIRED) {
    throw new Error(`HOUSTON_REQUIRE_REAL_SERVICES=1 but: ${problems.join('; ')}`);
  }
  process.stderr.write(
    `\n[houston] Skipping the suites that need them: ${problems.join('; ')}.\n` +
      '[houston] Start the servers (see README, "Tests") or set HOUSTON_TEST_MYSQL_URL / HOUSTON_TEST_REDIS_URL.\n\n',
  );
}
