import { createConnection } from 'mysql2/promise';
import { Redis } from 'ioredis';
import { TEST_MYSQL_URL, TEST_REDIS_URL } from './real-services-env';

async function reachMysql(address: string): Promise<string | null> {
  const url = new URL(address);
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

async function reachRedis(address: string): Promise<string | null> {
  const redis = new Redis(address, {
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

export interface RealServicesProbe {
  mysql: string | null;
  redis: string | null;
  /** One sentence per server that cannot be reached (its password masked); empty when both answer. */
  problems: string[];
}

/** Tries MariaDB/MySQL and Redis once each (3 s bound): null for a server that answered, else why not. */
export async function probeRealServices(
  mysqlUrl = TEST_MYSQL_URL,
  redisUrl = TEST_REDIS_URL,
): Promise<RealServicesProbe> {
  const [mysql, redis] = await Promise.all([reachMysql(mysqlUrl), reachRedis(redisUrl)]);
  const problems: string[] = [];
  for (const [name, url, problem] of [
    ['MariaDB/MySQL', mysqlUrl, mysql],
    ['Redis', redisUrl, redis],
  ] as const) {
    if (problem === null) continue;
    const where = url.replace(/\/\/([^:@/]*):[^@]*@/, '//$1:***@');
    problems.push(`${name} at ${where} is unreachable (${problem})`);
  }
  return { mysql, redis, problems };
}
