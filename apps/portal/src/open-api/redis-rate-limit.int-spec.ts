import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithRedis, TEST_REDIS_URL } from '@houston/testing';
import { Redis } from 'ioredis';
import { PortalClient } from '../test-support/portal-client';
import { startPortalTestServer, TEST_ADMIN, type PortalTestServer } from '../test-support/portal-test-server';
import { RedisRateLimiter, TokenRateLimiter } from './token-rate-limiter';

jest.setTimeout(60_000);

describeWithRedis('Open API rate limits in Redis (real Redis)', () => {
  let redis: Redis;
  const prefix = `houston:test:rate:${process.pid}:${Date.now()}:`;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('shares one bucket per token between two limiters on their own connections', async () => {
    const other = new Redis(TEST_REDIS_URL);
    try {
      const first = new RedisRateLimiter(redis, new TokenRateLimiter(), prefix);
      const second = new RedisRateLimiter(other, new TokenRateLimiter(), prefix);
      // A limit of 1 a second: one request now, whichever instance answers it.
      expect(await first.take('token-a', 1)).toBe(0);
      expect(await second.take('token-a', 1)).toBe(1);
      expect(await first.take('token-a', 1)).toBe(1);
      // Another token has its own bucket; no limit is no count at all.
      expect(await second.take('token-b', 1)).toBe(0);
      expect(await second.take('token-c', 0)).toBe(0);
      expect(await redis.exists(`${prefix}token-c`)).toBe(0);
      const ttl = await redis.pttl(`${prefix}token-a`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(2000);
    } finally {
      other.disconnect();
    }
  });

  it('counts in the process while Redis does not answer', async () => {
    const down = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    const errors: unknown[] = [];
    const limiter = new RedisRateLimiter(down, new TokenRateLimiter(), prefix, (error) => errors.push(error));
    try {
      expect(await limiter.take('token-d', 1)).toBe(0);
      expect(await limiter.take('token-d', 1)).toBe(1);
      expect(errors.length).toBe(2);
    } finally {
      down.disconnect();
    }
  });

  describe('two portals on one database and one Redis', () => {
    let dir: string;
    let portals: PortalTestServer[] = [];

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'houston-rate-'));
      const settings = {
        HOUSTON_PORTAL_DB_URL: `sqlite:${join(dir, 'portal.sqlite')}`,
        HOUSTON_PORTAL_REDIS_URL: TEST_REDIS_URL,
      };
      portals = [await startPortalTestServer(settings)];
      portals.push(await startPortalTestServer(settings));
    });
    afterAll(async () => {
      for (const portal of portals) await portal.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('refuses a token over its rate whichever portal it calls', async () => {
      const admin = await PortalClient.signedIn(portals[0]!.url, TEST_ADMIN.username, TEST_ADMIN.password);
      const created = await admin.post('/api/consumers', {
        appId: `shared-limit-${Date.now()}`,
        name: 'shared',
        ownerName: TEST_ADMIN.username,
        rateLimit: 1,
      });
      expect(created.status).toBe(201);
      const token = created.body.token as string;
      const call = (portal: PortalTestServer) =>
        fetch(`${portal.url}/openapi/v1/envs`, { headers: { Authorization: token } });
      expect((await call(portals[0]!)).status).toBe(200);
      const second = await call(portals[1]!);
      expect(second.status).toBe(429);
      expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    });
  });
});
