import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { epochMillis } from './column-transformers';
import { LargeTextColumn } from './large-text-column';

/**
 * A request that carried an `Idempotency-Key` and was applied: written in the transaction that
 * applied it, so a key is recorded exactly when its effect is, and a retry of the same request
 * gets `response` back instead of being applied again. Rows expire (`expiresAt`, epoch ms).
 */
@Entity({ name: 'idempotency_key' })
@Index('uq_idempotency_key_request_key', ['requestKey'], { unique: true })
@Index('ix_idempotency_key_expires_at', ['expiresAt'])
export class IdempotencyKeyEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  /** The client's key, as sent. */
  @Column({ type: 'varchar', length: 128 })
  requestKey!: string;

  /** What was asked (`publish`, `rollback`). */
  @Column({ type: 'varchar', length: 32 })
  operation!: string;

  /** SHA-256 over the operation, its target, its body and its operator: the same key with another request is refused. */
  @Column({ type: 'varchar', length: 64 })
  requestHash!: string;

  /** The JSON body the first request was answered with. */
  @LargeTextColumn()
  response!: string;

  @Column({ type: 'bigint', transformer: epochMillis })
  expiresAt!: number;

  @CreateDateColumn()
  createdAt!: Date;
}
