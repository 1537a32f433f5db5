import { NamespaceLockEntity } from '@houston/entities';
import type { EntityManager } from 'typeorm';

export class NamespaceLockRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(NamespaceLockEntity);
  }

  find(namespaceId: number): Promise<NamespaceLockEntity | null> {
    return this.repo.findOne({ where: { namespaceId } });
  }

  /** Fails with a unique violation when someone else took it first. */
  async insert(namespaceId: number, holder: string): Promise<void> {
    await this.repo.insert({ namespaceId, holder });
  }

  async delete(namespaceId: number): Promise<void> {
    await this.repo.delete({ namespaceId });
  }
}
