import { ReleaseWebhookEntity } from '@houston/entities';
import { In, type EntityManager } from 'typeorm';

export type NewReleaseWebhook = Omit<ReleaseWebhookEntity, 'id' | 'createdAt'>;

export class ReleaseWebhookRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(ReleaseWebhookEntity);
  }

  list(appId: string): Promise<ReleaseWebhookEntity[]> {
    return this.repo.find({ where: { appId }, order: { id: 'ASC' } });
  }

  /** The hooks a release of the namespace calls: the app's own, and the namespace's. */
  forRelease(appId: string, namespaceName: string): Promise<ReleaseWebhookEntity[]> {
    return this.repo.find({ where: { appId, namespaceName: In(['', namespaceName]) }, order: { id: 'ASC' } });
  }

  insert(hook: NewReleaseWebhook): Promise<ReleaseWebhookEntity> {
    return this.repo.save(this.repo.create(hook));
  }

  async delete(appId: string, id: number): Promise<boolean> {
    return ((await this.repo.delete({ appId, id })).affected ?? 0) > 0;
  }
}
