import type { RegistryRecord, RegistryStore } from '@houston/discovery';
import { ServiceRegistryEntity } from '@houston/entities';
import { MoreThanOrEqual, type DataSource } from 'typeorm';
import { pingDataSource } from '../data-source/ping-data-source';

/** Embedded discovery's storage: instances heartbeat into the shared database. */
export class DatabaseRegistryStore implements RegistryStore {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(ServiceRegistryEntity);
  }

  async upsert(record: RegistryRecord): Promise<void> {
    const row = {
      serviceName: record.serviceName,
      instanceId: record.instanceId,
      uri: record.uri,
      cluster: record.cluster,
      metadata: JSON.stringify(record.metadata),
      lastHeartbeatAt: record.lastHeartbeatAt,
    };
    await this.repo.upsert(row, { conflictPaths: ['instanceId'], skipUpdateIfNoValuesChanged: false });
  }

  async remove(instanceId: string): Promise<void> {
    await this.repo.delete({ instanceId });
  }

  async listAlive(serviceName: string, since: Date): Promise<RegistryRecord[]> {
    const rows = await this.repo.find({
      where: { serviceName, lastHeartbeatAt: MoreThanOrEqual(since) },
      order: { instanceId: 'ASC' },
    });
    return rows.map((row) => ({
      serviceName: row.serviceName,
      instanceId: row.instanceId,
      uri: row.uri,
      cluster: row.cluster,
      metadata: JSON.parse(row.metadata) as Record<string, string>,
      lastHeartbeatAt: row.lastHeartbeatAt,
    }));
  }

  ping(): Promise<boolean> {
    return pingDataSource(this.dataSource);
  }
}
