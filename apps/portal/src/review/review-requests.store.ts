import { Inject, Injectable } from '@nestjs/common';
import { In, type FindOptionsWhere } from 'typeorm';
import { PortalDatabase } from '../persistence/portal-database';
import { PortalReviewPolicyEntity, PortalReviewRequestEntity } from '../persistence/portal-entities';
import type { ReviewStatus } from './review-rules';

export interface ReviewRequestFilter {
  status?: ReviewStatus;
  env?: string;
  appId?: string;
  requestedBy?: string;
}

/** Review requests and per-app review choices in the portal database. */
@Injectable()
export class ReviewRequestsStore {
  constructor(@Inject(PortalDatabase) private readonly database: PortalDatabase) {}

  private get requests() {
    return this.database.manager.getRepository(PortalReviewRequestEntity);
  }

  private get policies() {
    return this.database.manager.getRepository(PortalReviewPolicyEntity);
  }

  async insert(
    request: Omit<
      PortalReviewRequestEntity,
      'id' | 'createdAt' | 'reviewedAt' | 'reviewedBy' | 'reviewComment' | 'releaseId'
    >,
  ): Promise<PortalReviewRequestEntity> {
    const { identifiers } = await this.requests.insert(request);
    return (await this.find(Number(identifiers[0]!['id'])))!;
  }

  find(id: number): Promise<PortalReviewRequestEntity | null> {
    return this.requests.findOneBy({ id });
  }

  /**
   * Moves a request from one status to another only if it still has the first one: of two
   * reviewers acting at once, one wins and the other is told it moved on.
   */
  async transition(
    id: number,
    from: ReviewStatus,
    to: ReviewStatus,
    patch: Partial<
      Pick<PortalReviewRequestEntity, 'reviewedBy' | 'reviewComment' | 'releaseId' | 'reviewedAt'>
    > = {},
  ): Promise<boolean> {
    const result = await this.requests.update({ id, status: from }, { status: to, ...patch });
    return (result.affected ?? 0) > 0;
  }

  async page(filter: ReviewRequestFilter, page: number, size: number) {
    const where: FindOptionsWhere<PortalReviewRequestEntity> = {};
    if (filter.status) where.status = filter.status;
    if (filter.env) where.env = filter.env;
    if (filter.appId) where.appId = filter.appId;
    if (filter.requestedBy) where.requestedBy = filter.requestedBy.toLowerCase();
    const [content, total] = await this.requests.findAndCount({
      where,
      order: { id: 'DESC' },
      skip: page * size,
      take: size,
    });
    return { content, total };
  }

  /** Pending requests, newest first, at most `limit` (a badge needs a count, not a history). */
  pending(limit: number, appId?: string): Promise<PortalReviewRequestEntity[]> {
    return this.requests.find({
      where: { status: In(['PENDING']), ...(appId ? { appId } : {}) },
      order: { id: 'DESC' },
      take: limit,
    });
  }

  async policy(appId: string, env: string): Promise<boolean | undefined> {
    return (await this.policies.findOneBy({ appId, env }))?.required;
  }

  async setPolicy(appId: string, env: string, required: boolean | null, by: string): Promise<void> {
    if (required === null) {
      await this.policies.delete({ appId, env });
      return;
    }
    await this.policies.upsert({ appId, env, required, updatedBy: by }, ['appId', 'env']);
  }
}
