import { AccessKeyEntity } from '@houston/entities';
import type { EntityManager } from 'typeorm';
import { LIVE, softDeleted } from './soft-delete';

export class AccessKeyRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(AccessKeyEntity);
  }

  listByApp(appId: string): Promise<AccessKeyEntity[]> {
    return this.repo.find({ where: { appId, ...LIVE }, order: { id: 'ASC' } });
  }

  /** The secrets a client of the app may sign with right now, with their modes. */
  async enabledKeys(appId: string): Promise<Array<{ secret: string; mode: number }>> {
    const rows = await this.repo.find({
      where: { appId, isEnabled: true, ...LIVE },
      select: { appId: true, secret: true, mode: true },
    });
    // Exactly this app's keys, whatever the collation matched.
    return rows.filter((row) => row.appId === appId).map((row) => ({ secret: row.secret, mode: row.mode }));
  }

  /**
   * The app's live keys, their rows locked until the transaction ends (MySQL; SQLite has one
   * writer): a release of secrets and a change of the keys that guard them are decided one after
   * the other, so neither is decided on what the other is about to change.
   */
  async lockByApp(appId: string): Promise<AccessKeyEntity[]> {
    const query = this.repo
      .createQueryBuilder('k')
      .where('k.appId = :appId AND k.isDeleted = :deleted', { appId, deleted: false })
      .orderBy('k.id', 'ASC');
    if (this.manager.connection.options.type === 'mysql') query.setLock('pessimistic_write');
    return (await query.getMany()).filter((row) => row.appId === appId);
  }

  /** The modes of the app's enabled keys, read under `lockByApp`'s lock. */
  async lockEnabledModes(appId: string): Promise<number[]> {
    return (await this.lockByApp(appId)).filter((row) => row.isEnabled).map((row) => row.mode);
  }

  findById(appId: string, id: number): Promise<AccessKeyEntity | null> {
    return this.repo.findOne({ where: { appId, id, ...LIVE } });
  }

  insert(row: Partial<AccessKeyEntity>): Promise<AccessKeyEntity> {
    return this.repo.save(this.repo.create(row));
  }

  /** Enabling sets the key's mode too; disabling keeps the mode it had. */
  async setEnabled(id: number, isEnabled: boolean, operator: string, mode?: number): Promise<void> {
    await this.repo.update(
      { id },
      { isEnabled, lastModifiedBy: operator, ...(mode === undefined ? {} : { mode }) },
    );
  }

  async softDelete(id: number, operator: string): Promise<void> {
    await this.repo.update({ id }, softDeleted(operator));
  }
}
