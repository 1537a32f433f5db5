import { AuditEntity } from '@houston/entities';
import type { EntityManager } from 'typeorm';

export type AuditOperation = 'INSERT' | 'UPDATE' | 'DELETE' | 'RELEASE' | 'ROLLBACK' | 'REVEAL' | 'ROLLOUT';

export class AuditRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(AuditEntity);
  }

  async record(
    entityName: string,
    entityId: number,
    opName: AuditOperation,
    operator: string,
    comment = '',
  ): Promise<void> {
    await this.repo.insert({
      entityName,
      entityId,
      opName,
      createdBy: operator,
      lastModifiedBy: operator,
      comment,
    });
  }

  listByEntity(entityName: string, entityId: number): Promise<AuditEntity[]> {
    return this.repo.find({ where: { entityName, entityId }, order: { id: 'ASC' } });
  }
}
