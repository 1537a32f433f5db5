import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createScratchMysqlDatabase,
  describeWithMysql,
  describeWithRedis,
  TEST_REDIS_URL,
  type ScratchDatabase,
} from '@houston/testing';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source/create-data-source';
import { runMigrations } from '../migrations/run-migrations';
import { DatabaseInstanceStore } from './database-instance-store';
import type { InstanceSighting, InstanceStore } from './instance-store';
import { RedisInstanceStore } from './redis-instance-store';

const NS = { appId: 'orders', clusterName: 'default', namespaceName: 'application' };

function sighting(
  ip: string,
  releaseKey: string,
  seenAt: Date,
  appId = 'orders',
  label = '',
): InstanceSighting {
  return { appId, clusterName: 'default', dataCenter: '', ip, label, config: NS, releaseKey, seenAt };
}

/** One behaviour for every store: the admin API must not care which is configured. */
function instanceStoreContract(open: () => Promise<{ store: InstanceStore; close(): Promise<void> }>) {
  let subject: { store: InstanceStore; close(): Promise<void> };
  beforeAll(async () => {
    subject = await open();
  });
  afterAll(async () => subject?.close());

  it('records a burst in one batch and keeps the first delivery time of a release', async () => {
    const t1 = new Date('2026-11-23T10:00:00Z');
    const t2 = new Date('2026-11-23T10:05:00Z');
    const burst = Array.from({ length: 1200 }, (_, i) =>
      sighting(`10.0.${Math.floor(i / 250)}.${i % 250}`, 'r1', t1),
    );
    await subject.store.record(burst);
    await subject.store.record([sighting('10.0.0.1', 'r1', t2), sighting('10.0.0.2', 'r2', t2)]);

    const all = await subject.store.listByNamespace(NS, { page: 0, size: 2000 });
    expect(all.total).toBe(1200);
    const one = all.content.find((view) => view.ip === '10.0.0.1')!;
    expect(one.config.releaseDeliveredAt.getTime()).toBe(t1.getTime());
    expect(one.config.lastSeenAt.getTime()).toBe(t2.getTime());
    const two = all.content.find((view) => view.ip === '10.0.0.2')!;
    expect(two.config).toMatchObject({ releaseKey: 'r2' });
    expect(two.config.releaseDeliveredAt.getTime()).toBe(t2.getTime());
  });

  it('answers by release, not on a release (merged keys count by part), and pages', async () => {
    await subject.store.record([sighting('10.9.9.9', 'r2+owner-k', new Date('2026-11-23T10:06:00Z'))]);
    const onR2 = await subject.store.listByNamespace(NS, { releaseKeys: ['r2'], page: 0, size: 50 });
    expect(onR2.content.map((view) => view.ip).sort()).toEqual(['10.0.0.2', '10.9.9.9']);
    const behind = await subject.store.listByNamespace(NS, { excludeReleaseKeys: ['r2'], page: 0, size: 10 });
    expect(behind.total).toBe(1199);
    expect(behind.content).toHaveLength(10);
    const lastPage = await subject.store.listByNamespace(NS, {
      excludeReleaseKeys: ['r2'],
      page: 119,
      size: 10,
    });
    expect(lastPage.content).toHaveLength(9);
    const recent = await subject.store.listByNamespace(NS, {
      seenSince: new Date('2026-11-23T10:04:00Z'),
      page: 0,
      size: 50,
    });
    expect(recent.total).toBe(3);
  });

  it('forgets a deleted namespace’s instances, and only that namespace’s', async () => {
    const other = { ...NS, clusterName: 'blue' };
    await subject.store.record([
      { ...sighting('10.8.8.8', 'b1', new Date('2026-11-23T10:07:00Z')), config: other },
    ]);
    await subject.store.forgetNamespace(NS);
    expect((await subject.store.listByNamespace(NS, { page: 0, size: 10 })).total).toBe(0);
    expect((await subject.store.listByNamespace(other, { page: 0, size: 10 })).total).toBe(1);
  });

  it('keeps the label as part of the identity: two labels on one host are two instances', async () => {
    const t1 = new Date('2026-11-23T11:00:00Z');
    const t2 = new Date('2026-11-23T11:01:00Z');
    await subject.store.record([
      sighting('10.7.7.7', 'r1', t1),
      sighting('10.7.7.7', 'r1', t1, 'orders', 'blue'),
      sighting('10.7.7.7', 'r1', t1, 'orders', 'green'),
      // A separator inside a label or an IP must not make one instance of two, nor lend a label.
      sighting('10.7.7.8|a', 'r1', t1),
      sighting('10.7.7.8', 'r1', t1, 'orders', 'a'),
      sighting('10.7.7.9', 'r1', t1, 'orders', 'x|y'),
    ]);
    await subject.store.record([sighting('10.7.7.7', 'r2', t2, 'orders', 'blue')]);
    const listed = await subject.store.listByNamespace(NS, { page: 0, size: 50 });
    const seen = listed.content.map((view) => `${view.ip}/${view.label}/${view.config.releaseKey}`).sort();
    expect(seen).toEqual([
      '10.7.7.7//r1',
      '10.7.7.7/blue/r2',
      '10.7.7.7/green/r1',
      '10.7.7.8/a/r1',
      '10.7.7.8|a//r1',
      '10.7.7.9/x|y/r1',
    ]);
  });
}

async function databaseStore(url: string) {
  const dataSource: DataSource = await createDataSource({ url, poolSize: 2 });
  await runMigrations(dataSource);
  return { store: new DatabaseInstanceStore(dataSource), close: () => dataSource.destroy() };
}

describe('instance store on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'houston-instances-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  instanceStoreContract(() => databaseStore(`sqlite:${join(dir, 'instances.sqlite')}`));
});

describeWithMysql('instance store on MariaDB', () => {
  let scratch: ScratchDatabase;
  instanceStoreContract(async () => {
    scratch = await createScratchMysqlDatabase('houston_instances');
    const opened = await databaseStore(scratch.url);
    return { store: opened.store, close: async () => (await opened.close(), await scratch.drop()) };
  });
});

describeWithRedis('instance store on Redis', () => {
  instanceStoreContract(async () => {
    const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    const prefix = `houston-test:${process.pid}:${Date.now()}`;
    return {
      store: new RedisInstanceStore(redis, prefix),
      close: async () => {
        const keys = await redis.keys(`${prefix}:*`);
        if (keys.length > 0) await redis.del(...keys);
        redis.disconnect();
      },
    };
  });
});
