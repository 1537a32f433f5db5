import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { MYSQL_AVAILABLE_FLAG, REDIS_AVAILABLE_FLAG, TEST_MYSQL_URL } from './real-services-env';

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
