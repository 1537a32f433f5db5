import { InstanceConfigEntity, InstanceEntity } from '@houston/entities';
import { In, MoreThanOrEqual, type DataSource } from 'typeorm';
import { InstanceConfigRepository } from '../repositories/instance-config.repository';
import type { NamespaceRef } from '../repositories/release.repository';
import {
  holdsAnyOf,
  instanceKey,
  type InstancePage,
  type InstanceQuery,
  type InstanceSighting,
  type InstanceStore,
} from './instance-store';

const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * Instances in the `instance` and `instance_config` tables. A batch costs a few statements per
 * 500 sightings (find, insert the new, upsert the configs), not one write per client.
 */
export class DatabaseInstanceStore implements InstanceStore {
  readonly kind = 'database';

  constructor(private readonly dataSource: DataSource) {}

  async record(sightings: InstanceSighting[]): Promise<void> {
    if (sightings.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      const instances = manager.getRepository(InstanceEntity);
      const configs = manager.getRepository(InstanceConfigEntity);
      const ids = new Map<string, number>();
      const unique = [...new Map(sightings.map((s) => [instanceKey(s), s])).values()];
      for (const part of chunks(unique)) {
        const found = await instances.find({
          where: part.map(({ appId, clusterName, dataCenter, ip, label }) => ({
            appId,
            clusterName,
            dataCenter,
            ip,
            label,
          })),
        });
        for (const row of found) ids.set(instanceKey(row), row.id);
        const missing = part.filter((s) => !ids.has(instanceKey(s)));
        if (missing.length > 0) {
          await instances.insert(
            missing.map(({ appId, clusterName, dataCenter, ip, label }) => ({
              appId,
              clusterName,
              dataCenter,
              ip,
              label,
            })),
          );
          const inserted = await instances.find({
            where: missing.map(({ appId, clusterName, dataCenter, ip, label }) => ({
              appId,
              clusterName,
              dataCenter,
              ip,
              label,
            })),
          });
          for (const row of inserted) ids.set(instanceKey(row), row.id);
        }
      }
      const rows = sightings.map((s) => ({
        instanceId: ids.get(instanceKey(s))!,
        configAppId: s.config.appId,
        configClusterName: s.config.clusterName,
        configNamespaceName: s.config.namespaceName,
        releaseKey: s.releaseKey,
        lastSeenAt: s.seenAt,
        releaseDeliveredAt: s.seenAt,
      }));
      for (const part of chunks(rows)) {
        // A release is "delivered" when an instance first holds it: keep the old time if unchanged.
        const existing = await configs.find({
          where: { instanceId: In(part.map((row) => row.instanceId)) },
          select: {
            id: true,
            instanceId: true,
            configAppId: true,
            configNamespaceName: true,
            releaseKey: true,
            releaseDeliveredAt: true,
          },
        });
        const previous = new Map(
          existing.map((row) => [`${row.instanceId}|${row.configAppId}|${row.configNamespaceName}`, row]),
        );
        for (const row of part) {
          const before = previous.get(`${row.instanceId}|${row.configAppId}|${row.configNamespaceName}`);
          if (before && before.releaseKey === row.releaseKey)
            row.releaseDeliveredAt = before.releaseDeliveredAt;
        }
        // updateEntity(false): nothing to read back, and SQLite cannot say which rows were updated.
        await configs
          .createQueryBuilder()
          .insert()
          .values(part)
          .orUpdate(
            ['config_cluster_name', 'release_key', 'release_delivered_at', 'last_seen_at'],
            ['instance_id', 'config_app_id', 'config_namespace_name'],
          )
          .updateEntity(false)
          .execute();
      }
    });
  }

  async forgetNamespace(config: NamespaceRef): Promise<void> {
    await new InstanceConfigRepository(this.dataSource.manager).deleteByNamespace(config);
  }

  async listByNamespace(config: NamespaceRef, query: InstanceQuery): Promise<InstancePage> {
    const configs = await this.dataSource.getRepository(InstanceConfigEntity).find({
      where: {
        configAppId: config.appId,
        configClusterName: config.clusterName,
        configNamespaceName: config.namespaceName,
        ...(query.seenSince ? { lastSeenAt: MoreThanOrEqual(query.seenSince) } : {}),
      },
      order: { lastSeenAt: 'DESC', id: 'ASC' },
    });
    const matching = configs.filter(
      (row) =>
        (!query.releaseKeys || holdsAnyOf(row.releaseKey, query.releaseKeys)) &&
        (!query.excludeReleaseKeys || !holdsAnyOf(row.releaseKey, query.excludeReleaseKeys)),
    );
    const page = matching.slice(query.page * query.size, (query.page + 1) * query.size);
    const instances = await this.dataSource
      .getRepository(InstanceEntity)
      .find({ where: { id: In(page.map((row) => row.instanceId)) } });
    const byId = new Map(instances.map((row) => [row.id, row]));
    return {
      total: matching.length,
      content: page.flatMap((row) => {
        const instance = byId.get(row.instanceId);
        if (!instance) return [];
        return [
          {
            appId: instance.appId,
            clusterName: instance.clusterName,
            dataCenter: instance.dataCenter,
            ip: instance.ip,
            label: instance.label,
            config: {
              releaseKey: row.releaseKey,
              releaseDeliveredAt: row.releaseDeliveredAt,
              lastSeenAt: row.lastSeenAt,
            },
          },
        ];
      }),
    };
  }
}
