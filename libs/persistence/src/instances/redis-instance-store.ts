import type { Redis } from 'ioredis';
import type { NamespaceRef } from '../repositories/release.repository';
import {
  holdsAnyOf,
  instanceKey,
  parseInstanceKey,
  type InstancePage,
  type InstanceQuery,
  type InstanceSighting,
  type InstanceStore,
} from './instance-store';

interface StoredConfig {
  releaseKey: string;
  deliveredAt: number;
  lastSeenAt: number;
}

/** Entries of namespaces nobody reads any more disappear after this long. */
const RETENTION_SECONDS = 7 * 24 * 3600;

/**
 * Instances in Redis, per namespace: a sorted set of instances by last sighting and a hash of
 * what each holds. A batch is two round trips whatever its size.
 */
export class RedisInstanceStore implements InstanceStore {
  readonly kind = 'redis';

  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'houston:instances',
  ) {}

  private keys(config: NamespaceRef) {
    const base = `${this.prefix}:${config.appId}+${config.clusterName}+${config.namespaceName}`;
    return { seen: `${base}:seen`, held: `${base}:held` };
  }

  async record(sightings: InstanceSighting[]): Promise<void> {
    if (sightings.length === 0) return;
    const lookup = this.redis.pipeline();
    for (const s of sightings) lookup.hget(this.keys(s.config).held, instanceKey(s));
    const previous = (await lookup.exec()) ?? [];
    const write = this.redis.pipeline();
    sightings.forEach((s, index) => {
      const keys = this.keys(s.config);
      const member = instanceKey(s);
      const before = previous[index]?.[1]
        ? (JSON.parse(previous[index]![1] as string) as StoredConfig)
        : null;
      const stored: StoredConfig = {
        releaseKey: s.releaseKey,
        deliveredAt: before && before.releaseKey === s.releaseKey ? before.deliveredAt : s.seenAt.getTime(),
        lastSeenAt: s.seenAt.getTime(),
      };
      write.zadd(keys.seen, s.seenAt.getTime(), member);
      write.hset(keys.held, member, JSON.stringify(stored));
      write.expire(keys.seen, RETENTION_SECONDS);
      write.expire(keys.held, RETENTION_SECONDS);
    });
    const results = (await write.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
  }

  async forgetNamespace(config: NamespaceRef): Promise<void> {
    const keys = this.keys(config);
    await this.redis.del(keys.seen, keys.held);
  }

  async listByNamespace(config: NamespaceRef, query: InstanceQuery): Promise<InstancePage> {
    const keys = this.keys(config);
    const members = await this.redis.zrevrangebyscore(
      keys.seen,
      '+inf',
      query.seenSince ? query.seenSince.getTime() : '-inf',
    );
    if (members.length === 0) return { total: 0, content: [] };
    const held = await this.redis.hmget(keys.held, ...members);
    const rows = members.flatMap((member, index) => {
      const raw = held[index];
      if (!raw) return [];
      const stored = JSON.parse(raw) as StoredConfig;
      if (query.releaseKeys && !holdsAnyOf(stored.releaseKey, query.releaseKeys)) return [];
      if (query.excludeReleaseKeys && holdsAnyOf(stored.releaseKey, query.excludeReleaseKeys)) return [];
      return [
        {
          ...parseInstanceKey(member),
          config: {
            releaseKey: stored.releaseKey,
            releaseDeliveredAt: new Date(stored.deliveredAt),
            lastSeenAt: new Date(stored.lastSeenAt),
          },
        },
      ];
    });
    return {
      total: rows.length,
      content: rows.slice(query.page * query.size, (query.page + 1) * query.size),
    };
  }
}
