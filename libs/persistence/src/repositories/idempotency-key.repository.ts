import { IdempotencyKeyEntity } from '@houston/entities';
import { LessThan, MoreThanOrEqual, type EntityManager } from 'typeorm';

export interface RecordedRequest {
  requestKey: string;
  operation: string;
  requestHash: string;
  response: string;
  expiresAt: number;
}

export class IdempotencyKeyRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(IdempotencyKeyEntity);
  }

  /** The request recorded under `requestKey`, unless it expired before `now` (epoch ms). */
  findLive(requestKey: string, now: number): Promise<IdempotencyKeyEntity | null> {
    return this.repo.findOne({ where: { requestKey, expiresAt: MoreThanOrEqual(now) } });
  }

  /**
   * Records an applied request; fails with a unique violation when the key is already recorded
   * (a concurrent retry won), which rolls the caller's transaction back. An expired record of the
   * same key, and any other expired record, is removed first.
   */
  async insert(request: RecordedRequest, now: number): Promise<void> {
    await this.repo.delete({ expiresAt: LessThan(now) });
    await this.repo.insert(request);
  }
}
