import { ReleaseMessageEntity } from '@houston/entities';
import { In, LessThan, type EntityManager, type SelectQueryBuilder } from 'typeorm';

/** A message as the scanner reads it. */
export interface ScannedReleaseMessage {
  id: number;
  message: string;
  /**
   * How long ago the row was written, by the database's own clock (no skew with the reader's):
   * microseconds on MySQL, whole seconds on SQLite. Written inside the release's transaction,
   * so it includes the rest of that transaction.
   */
  ageMs: number;
}

export class ReleaseMessageRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(ReleaseMessageEntity);
  }

  /** Inserts a message and returns its id, the notification id clients will see. */
  async insert(message: string): Promise<number> {
    const saved = await this.repo.save(this.repo.create({ message }));
    return saved.id;
  }

  async maxId(): Promise<number> {
    const row = await this.repo
      .createQueryBuilder('m')
      .select('MAX(m.id)', 'max')
      .getRawOne<{ max: number | string | null }>();
    return Number(row?.max ?? 0);
  }

  /** Messages after `afterId`, oldest first, one page at a time. */
  findAfter(afterId: number, limit: number): Promise<ScannedReleaseMessage[]> {
    return this.scanned(
      this.repo
        .createQueryBuilder('m')
        .where('m.id > :afterId', { afterId })
        .orderBy('m.id', 'ASC')
        .limit(limit),
    );
  }

  findByIds(ids: number[]): Promise<ScannedReleaseMessage[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.scanned(
      this.repo.createQueryBuilder('m').where('m.id IN (:...ids)', { ids }).orderBy('m.id', 'ASC'),
    );
  }

  private async scanned(query: SelectQueryBuilder<ReleaseMessageEntity>): Promise<ScannedReleaseMessage[]> {
    const age =
      this.manager.connection.options.type === 'mysql'
        ? 'TIMESTAMPDIFF(MICROSECOND, m.updated_at, NOW(6)) / 1000'
        : "(julianday('now') - julianday(m.updated_at)) * 86400000";
    const rows = await query
      .select('m.id', 'id')
      .addSelect('m.message', 'message')
      .addSelect(age, 'ageMs')
      .getRawMany<{ id: number | string; message: string; ageMs: number | string | null }>();
    return rows.map((row) => ({
      id: Number(row.id),
      message: row.message,
      ageMs: Math.max(0, Number(row.ageMs ?? 0)),
    }));
  }

  /** The newest id per message, for the given messages (keys without a message are absent). */
  async latestIds(messages: string[]): Promise<Map<string, number>> {
    const latest = new Map<string, number>();
    if (messages.length === 0) return latest;
    const rows = await this.repo
      .createQueryBuilder('m')
      .select('m.message', 'message')
      .addSelect('MAX(m.id)', 'id')
      .where('m.message IN (:...messages)', { messages })
      .groupBy('m.message')
      .getRawMany<{ message: string; id: number | string }>();
    for (const row of rows) latest.set(row.message, Number(row.id));
    return latest;
  }

  /** The newest id of every message; the table holds about one row per message key. */
  async latestIdsOfAll(): Promise<Map<string, number>> {
    const rows = await this.repo
      .createQueryBuilder('m')
      .select('m.message', 'message')
      .addSelect('MAX(m.id)', 'id')
      .groupBy('m.message')
      .getRawMany<{ message: string; id: number | string }>();
    return new Map(rows.map((row) => [row.message, Number(row.id)]));
  }

  /**
   * Deletes older rows of a message, keeping the newest: the table stays at about one row per
   * key. Bounded batches keep each delete short on a busy table.
   */
  async deleteOlderThan(message: string, id: number, batchSize = 100): Promise<number> {
    let deleted = 0;
    for (;;) {
      const batch = await this.repo.find({
        where: { message, id: LessThan(id) },
        select: { id: true },
        take: batchSize,
      });
      if (batch.length === 0) return deleted;
      await this.repo.delete({ id: In(batch.map((row) => row.id)) });
      deleted += batch.length;
    }
  }

  /** Deletes every row that is not the newest of its message; returns how many went. */
  async pruneToNewestPerMessage(): Promise<number> {
    // The derived table lets MySQL delete from the table it reads.
    const result = await this.repo
      .createQueryBuilder()
      .delete()
      .from(ReleaseMessageEntity)
      .where(
        'id NOT IN (SELECT keep.id FROM (SELECT MAX(id) AS id FROM release_message GROUP BY message) keep)',
      )
      .execute();
    return result.affected ?? 0;
  }
}
