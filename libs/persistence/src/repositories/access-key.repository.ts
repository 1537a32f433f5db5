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

  /** The secrets a client of the app may sign with right now. */
  async enabledSecrets(appId: string): Promise<string[]> {
    const rows = await this.repo.find({
      where: { appId, isEnabled: true, ...LIVE },
      select: { secret: true },
    });
    return rows.map((row) => row.secret);
  }

  findById(appId: string, id: number): Promise<AccessKeyEntity | null> {
    return this.repo.findOne({ where: { appId, id, ...LIVE } });
  }

  insert(row: Partial<AccessKeyEntity>): Promise<AccessKeyEntity> {
    return this.repo.save(this.repo.create(row));
  }

  async setEnabled(id: number, isEnabled: boolean, operator: string): Promise<void> {
    await this.repo.update({ id }, { isEnabled, lastModifiedBy: operator });
  }

  async softDelete(id: number, operator: string): Promise<void> {
    await this.repo.update({ id }, softDeleted(operator));
  }
}
