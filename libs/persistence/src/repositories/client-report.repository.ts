import { ClientReportEntity } from '@houston/entities';
import { In, LessThan, type EntityManager } from 'typeorm';

export type ClientReportRow = Omit<ClientReportEntity, 'id'>;

const CHUNK = 500;
const FAILING = ['rejected', 'check_failed'];

/** What clients said of the releases they got (see `POST /client-reports`). */
export class ClientReportRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(ClientReportEntity);
  }

  /** Upserts a batch: one row per instance and release key, the newest report wins. */
  async upsertBatch(rows: ClientReportRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await this.repo
        .createQueryBuilder()
        .insert()
        .values(rows.slice(i, i + CHUNK))
        .orUpdate(
          ['namespace_name', 'status', 'message', 'reported_at'],
          ['app_id', 'cluster_name', 'data_center', 'ip', 'release_key'],
        )
        .updateEntity(false)
        .execute();
    }
  }

  /** Instances whose report on one of these releases is `rejected` or `check_failed`, newest first. */
  listFailing(releaseKeys: string[], limit: number): Promise<ClientReportEntity[]> {
    if (releaseKeys.length === 0) return Promise.resolve([]);
    return this.repo.find({
      where: { releaseKey: In(releaseKeys), status: In(FAILING) },
      order: { reportedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  countFailing(releaseKeys: string[]): Promise<number> {
    if (releaseKeys.length === 0) return Promise.resolve(0);
    return this.repo.count({ where: { releaseKey: In(releaseKeys), status: In(FAILING) } });
  }

  /** Drops reports older than `before`; how many. */
  async deleteOlderThan(before: Date): Promise<number> {
    const result = await this.repo.delete({ reportedAt: LessThan(before) });
    return result.affected ?? 0;
  }
}
