import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { epochMillis } from './column-transformers';
import { LargeTextColumn } from './large-text-column';

/**
 * One notification to one `notify` webhook (the outbox): written in the transaction of the
 * release it tells of, then sent by whichever admin-service claims it. A claim sets `status`
 * `delivering` with a fresh `leaseToken` and `leaseUntil`; a claim whose lease ran out (its
 * admin-service died) may be taken again. Only the holder of the token may settle it.
 */
@Entity({ name: 'webhook_delivery' })
@Index('ix_webhook_delivery_due', ['status', 'nextAttemptAt'])
@Index('ix_webhook_delivery_app', ['appId', 'id'])
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  webhookId!: number;

  @Column({ type: 'varchar', length: 64 })
  appId!: string;

  @Column({ type: 'varchar', length: 128 })
  namespaceName!: string;

  @Column({ type: 'varchar', length: 32 })
  event!: string;

  /** The JSON body, exactly as it is sent (and signed). */
  @LargeTextColumn()
  payload!: string;

  /** pending, delivering, delivered, failed. */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  /** Attempts started (counted when claimed). */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  /** Epoch ms from which a pending delivery may be claimed. */
  @Column({ type: 'bigint', transformer: epochMillis })
  nextAttemptAt!: number;

  @Column({ type: 'varchar', length: 64, default: '' })
  leaseToken!: string;

  /** Epoch ms when the claim lapses (0: not claimed). */
  @Column({ type: 'bigint', default: 0, transformer: epochMillis })
  leaseUntil!: number;

  /** The last attempt's HTTP status (0: no answer). */
  @Column({ type: 'int', default: 0 })
  lastStatus!: number;

  @Column({ type: 'varchar', length: 512, default: '' })
  lastError!: string;

  /** Epoch ms of the last attempt's end (0: none yet). */
  @Column({ type: 'bigint', default: 0, transformer: epochMillis })
  lastAttemptAt!: number;

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;
}
