import { ReleaseWebhookEntity } from '@houston/entities';
import { In, type EntityManager } from 'typeorm';

export type NewReleaseWebhook = Omit<ReleaseWebhookEntity, 'id' | 'createdAt' | 'kind' | 'events'> &
  Partial<Pick<ReleaseWebhookEntity, 'kind' | 'events'>>;

/** `validate`: asked before a release; `notify`: told after it (see the entity). */
export type WebhookKind = 'validate' | 'notify';

export class ReleaseWebhookRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(ReleaseWebhookEntity);
  }

  list(appId: string, kind: WebhookKind = 'validate'): Promise<ReleaseWebhookEntity[]> {
    return this.repo.find({ where: { appId, kind }, order: { id: 'ASC' } });
  }

  findById(id: number): Promise<ReleaseWebhookEntity | null> {
    return this.repo.findOne({ where: { id } });
  }

  /** The hooks a release of the namespace calls: the app's own, and the namespace's. */
  forRelease(
    appId: string,
    namespaceName: string,
    kind: WebhookKind = 'validate',
  ): Promise<ReleaseWebhookEntity[]> {
    return this.repo.find({
      where: { appId, kind, namespaceName: In(['', namespaceName]) },
      order: { id: 'ASC' },
    });
  }

  insert(hook: NewReleaseWebhook): Promise<ReleaseWebhookEntity> {
    return this.repo.save(this.repo.create({ kind: 'validate', events: '', ...hook }));
  }

  async delete(appId: string, id: number, kind: WebhookKind = 'validate'): Promise<boolean> {
    return ((await this.repo.delete({ appId, id, kind })).affected ?? 0) > 0;
  }
}
