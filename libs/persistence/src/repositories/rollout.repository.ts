import { RolloutEntity, RolloutEventEntity } from '@houston/entities';
import { In, type EntityManager } from 'typeorm';
import type { NamespaceRef } from './release.repository';

const ACTIVE = ['running', 'paused'];

/** Rollouts and their events. */
export class RolloutRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(RolloutEntity);
  }

  private get events() {
    return this.manager.getRepository(RolloutEventEntity);
  }

  insert(row: Partial<RolloutEntity>): Promise<RolloutEntity> {
    return this.repo.save(this.repo.create({ version: 0, ...row }));
  }

  findById(id: number): Promise<RolloutEntity | null> {
    return this.repo.findOne({ where: { id } });
  }

  /**
   * Holds the rollout's row until the transaction ends (MySQL; SQLite transactions are already
   * serialized) and returns it as committed: two admin-services deciding on one rollout take
   * turns, and the second sees what the first did.
   */
  lockForUpdate(id: number): Promise<RolloutEntity | null> {
    const query = this.repo.createQueryBuilder('r').where('r.id = :id', { id });
    if (this.manager.connection.options.type === 'mysql') query.setLock('pessimistic_write');
    return query.getOne();
  }

  /** The namespace's running or paused rollout, if any (at most one: it holds the gray branch). */
  findActive(ref: NamespaceRef): Promise<RolloutEntity | null> {
    return this.repo.findOne({ where: { ...ref, status: In(ACTIVE) }, order: { id: 'DESC' } });
  }

  findActiveByBranch(appId: string, branchName: string): Promise<RolloutEntity | null> {
    return this.repo.findOne({ where: { appId, branchName, status: In(ACTIVE) } });
  }

  listByNamespace(ref: NamespaceRef, limit: number): Promise<RolloutEntity[]> {
    return this.repo.find({ where: { ...ref }, order: { id: 'DESC' }, take: limit });
  }

  /** Running rollouts, oldest first: what the ticker looks at. */
  listRunning(limit: number): Promise<RolloutEntity[]> {
    return this.repo.find({ where: { status: 'running' }, order: { id: 'ASC' }, take: limit });
  }

  /** How many rollouts are in each status (the metrics' gauge). */
  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.repo
      .createQueryBuilder('r')
      .select('r.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .groupBy('r.status')
      .getRawMany<{ status: string; count: string | number }>();
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
  }

  /** Writes `changes` and raises the version; the caller holds the row. */
  async update(row: RolloutEntity, changes: Partial<RolloutEntity>): Promise<RolloutEntity> {
    const version = row.version + 1;
    await this.repo.update({ id: row.id }, { ...changes, version });
    return Object.assign(row, changes, { version });
  }

  /**
   * Claims the HTTP check of this tick: true for the one caller that moves `checkClaimedAt` from
   * at or before `staleBefore` to `now`, so that one admin-service asks the check per tick
   * whatever number of them tick. The version is untouched: it is no transition.
   */
  async claimCheck(id: number, now: number, staleBefore: number): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(RolloutEntity)
      .set({ checkClaimedAt: now })
      .where('id = :id AND check_claimed_at <= :staleBefore', { id, staleBefore })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /**
   * Moves a claim this caller holds (`checkClaimedAt` still `from`) to `to`: held on past the tick
   * while a step's release checks run, handed back when they end. False: the claim was not its own.
   */
  async moveClaim(id: number, from: number, to: number): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(RolloutEntity)
      .set({ checkClaimedAt: to })
      .where('id = :id AND check_claimed_at = :from', { id, from })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Records the claimed check's verdict for the other admin-services; the version is untouched. */
  async recordCheck(id: number, verdict: string, checkedAt: number): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update(RolloutEntity)
      .set({ checkVerdict: verdict.slice(0, 512), checkedAt })
      .where('id = :id', { id })
      .execute();
  }

  async addEvent(event: Omit<RolloutEventEntity, 'id' | 'createdAt'>): Promise<void> {
    await this.events.insert({ ...event, detail: event.detail.slice(0, 1024) });
  }

  listEvents(rolloutId: number): Promise<RolloutEventEntity[]> {
    return this.events.find({ where: { rolloutId }, order: { id: 'ASC' }, take: 1000 });
  }
}
