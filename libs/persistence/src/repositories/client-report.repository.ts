import { ClientReportEntity } from '@houston/entities';
import { In, LessThanOrEqual, type EntityManager } from 'typeorm';

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

  /**
   * Drops the oldest reports beyond the newest `maxRows` (by when their row was first written),
   * at most `batch` of them in one statement; how many. Called again while it answers `batch`, it
   * bounds the table whatever clients send within the retention time without one long delete.
   */
  async deleteBeyond(maxRows: number, batch: number): Promise<number> {
    const cutoff = await this.idAt('DESC', maxRows);
    if (cutoff === null) return 0;
    // The batch's newest id: the `batch`-th oldest, unless fewer than that are beyond the cutoff.
    const last = await this.idAt('ASC', batch - 1);
    const upTo = last === null ? cutoff : Math.min(last, cutoff);
    const result = await this.repo.delete({ id: LessThanOrEqual(upTo) });
    return result.affected ?? 0;
  }

  /** The id `offset` rows from the start of the table in that order (null: not that many rows). */
  private async idAt(order: 'ASC' | 'DESC', offset: number): Promise<number | null> {
    const row = await this.repo
      .createQueryBuilder('r')
      .select('r.id', 'id')
      .orderBy('r.id', order)
      .offset(offset)
      .limit(1)
      .getRawOne<{ id: number | string }>();
    return row ? Number(row.id) : null;
  }

  /**
   * Drops at most `batch` of the reports older than `before` in one statement, the oldest rows
   * first; how many. Called again while it answers `batch`, it empties the retention time's
   * leftovers without one long delete.
   */
  async deleteOlderThan(before: Date, batch: number): Promise<number> {
    const rows = await this.repo
      .createQueryBuilder('r')
      .select('r.id', 'id')
      .where('r.reportedAt < :before', { before })
      .orderBy('r.id', 'ASC')
      .limit(batch)
      .getRawMany<{ id: number | string }>();
    if (rows.length === 0) return 0;
    const result = await this.repo.delete({ id: In(rows.map((row) => Number(row.id))) });
    return result.affected ?? 0;
  }
}
