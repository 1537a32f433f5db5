import { WebhookDeliveryEntity } from '@houston/entities';
import { In, LessThan, LessThanOrEqual, Not, type EntityManager, type FindOptionsWhere } from 'typeorm';

export type NewWebhookDelivery = Pick<
  WebhookDeliveryEntity,
  'webhookId' | 'appId' | 'namespaceName' | 'event' | 'payload' | 'nextAttemptAt'
>;

export type DeliveryStatus = 'pending' | 'delivering' | 'delivered' | 'failed';

/** How an attempt ended, written only by the holder of the claim. */
export interface DeliverySettlement {
  status: 'delivered' | 'pending' | 'failed';
  nextAttemptAt?: number;
  lastStatus: number;
  lastError: string;
  lastAttemptAt: number;
}

/**
 * The outbox of notification webhooks. Claiming is a compare-and-set: an UPDATE whose WHERE names
 * the row as it was read (status, attempts, lease token), so of two admin-services reading the
 * same due row only one changes it; the other's UPDATE matches nothing. The same on SQLite and
 * MySQL, with no lock held while the call is made.
 */
export class WebhookDeliveryRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(WebhookDeliveryEntity);
  }

  async insert(rows: NewWebhookDelivery[]): Promise<void> {
    if (rows.length === 0) return;
    await this.repo.insert(rows.map((row) => ({ ...row, status: 'pending', attempts: 0 })));
  }

  /**
   * Pending rows whose time has come and claims whose lease ran out, oldest due first; none of the
   * hooks in `exceptWebhookIds` (those the caller is already calling).
   */
  async listDue(
    nowMs: number,
    limit: number,
    exceptWebhookIds: readonly number[] = [],
  ): Promise<WebhookDeliveryEntity[]> {
    const except = exceptWebhookIds.length > 0 ? { webhookId: Not(In([...exceptWebhookIds])) } : {};
    const [pending, lapsed] = await Promise.all([
      this.repo.find({
        where: { status: 'pending', nextAttemptAt: LessThanOrEqual(nowMs), ...except },
        order: { nextAttemptAt: 'ASC', id: 'ASC' },
        take: limit,
      }),
      this.repo.find({
        where: { status: 'delivering', leaseUntil: LessThan(nowMs), ...except },
        order: { leaseUntil: 'ASC', id: 'ASC' },
        take: limit,
      }),
    ]);
    return [...lapsed, ...pending].slice(0, limit);
  }

  /**
   * Takes `row` (as read by `listDue`) for one attempt under `leaseToken` until `leaseUntil`, if
   * nobody changed it since it was read; the attempt is counted now, so one that dies mid-call
   * still counts. Returns the claimed row, or null when another admin-service was first.
   */
  async claim(
    row: WebhookDeliveryEntity,
    leaseToken: string,
    leaseUntil: number,
  ): Promise<WebhookDeliveryEntity | null> {
    const attempts = row.attempts + 1;
    const result = await this.repo.update(
      { id: row.id, status: row.status, attempts: row.attempts, leaseToken: row.leaseToken },
      { status: 'delivering', attempts, leaseToken, leaseUntil },
    );
    if ((result.affected ?? 0) !== 1) return null;
    return { ...row, status: 'delivering', attempts, leaseToken, leaseUntil };
  }

  /** Ends the attempt held under `leaseToken`; false when the claim was lost (lease ran out and retaken). */
  async settle(id: number, leaseToken: string, settlement: DeliverySettlement): Promise<boolean> {
    const result = await this.repo.update(
      { id, status: 'delivering', leaseToken },
      {
        status: settlement.status,
        lastStatus: settlement.lastStatus,
        lastError: settlement.lastError.slice(0, 512),
        lastAttemptAt: settlement.lastAttemptAt,
        leaseUntil: 0,
        ...(settlement.nextAttemptAt !== undefined ? { nextAttemptAt: settlement.nextAttemptAt } : {}),
      },
    );
    return (result.affected ?? 0) === 1;
  }

  findById(appId: string, id: number): Promise<WebhookDeliveryEntity | null> {
    return this.repo.findOne({ where: { appId, id } });
  }

  /** How many of the app's deliveries `list` would page through with the same filter. */
  count(appId: string, filter: DeliveryFilter): Promise<number> {
    return this.repo.count({ where: deliveriesOf(appId, filter) });
  }

  /** The app's deliveries, newest first; `beforeId` pages back. */
  list(
    appId: string,
    filter: DeliveryFilter & { beforeId?: number },
    limit: number,
  ): Promise<WebhookDeliveryEntity[]> {
    const where = deliveriesOf(appId, filter);
    if (filter.beforeId !== undefined) where.id = LessThan(filter.beforeId);
    return this.repo.find({ where, order: { id: 'DESC' }, take: limit });
  }

  /** A failed delivery made due again, with its attempts counted afresh; false when it is not failed. */
  async redeliver(appId: string, id: number, nowMs: number): Promise<boolean> {
    const result = await this.repo.update(
      { appId, id, status: 'failed' },
      { status: 'pending', attempts: 0, nextAttemptAt: nowMs, leaseToken: '', leaseUntil: 0 },
    );
    return (result.affected ?? 0) === 1;
  }

  /** A deleted hook's deliveries that have not gone out are failed, never sent. */
  async abandonForWebhook(webhookId: number, nowMs: number): Promise<void> {
    await this.repo.update(
      { webhookId, status: 'pending' },
      { status: 'failed', lastError: 'the webhook was deleted', lastAttemptAt: nowMs },
    );
  }
}

/** Which of an app's deliveries a page or a count covers. */
export interface DeliveryFilter {
  status?: DeliveryStatus;
  webhookId?: number;
}

/** The one where-clause `list` and `count` share, so a page and its total never disagree. */
function deliveriesOf(appId: string, filter: DeliveryFilter): FindOptionsWhere<WebhookDeliveryEntity> {
  const where: FindOptionsWhere<WebhookDeliveryEntity> = { appId };
  if (filter.status) where.status = filter.status;
  if (filter.webhookId !== undefined) where.webhookId = filter.webhookId;
  return where;
}
