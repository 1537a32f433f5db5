import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { epochMillis } from './column-transformers';
import { LargeTextColumn } from './large-text-column';

/**
 * A progressive rollout of one namespace's release through its gray branch: the plan (steps, bake
 * times, gates), where it stands, and `version`, raised by every transition, so that an
 * admin-service acting on what it read earlier finds out it is stale.
 */
@Entity({ name: 'rollout' })
@Index('ix_rollout_namespace', ['appId', 'clusterName', 'namespaceName'])
@Index('ix_rollout_status', ['status'])
export class RolloutEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  appId!: string;

  /** The main cluster. */
  @Column({ type: 'varchar', length: 64 })
  clusterName!: string;

  @Column({ type: 'varchar', length: 128 })
  namespaceName!: string;

  /** The gray branch the rollout widens (its name salts the sticky buckets). */
  @Column({ type: 'varchar', length: 64 })
  branchName!: string;

  /** running, paused, completed, rolled_back, aborted. */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  /** JSON `{steps, gates, onFailure}` as validated. */
  @LargeTextColumn()
  plan!: string;

  @Column({ type: 'int', default: 0 })
  stepIndex!: number;

  /** When the current step began (its bake time counts from here). */
  @Column({ type: 'datetime' })
  stepStartedAt!: Date;

  @Column({ type: 'varchar', length: 64, default: '' })
  releaseTitle!: string;

  @Column({ type: 'varchar', length: 256, default: '' })
  releaseComment!: string;

  /** The gray release the rollout started with. */
  @Column({ type: 'int', default: 0 })
  grayReleaseId!: number;

  /** The main release the merge at 100 % made (0 until then). */
  @Column({ type: 'int', default: 0 })
  mergedReleaseId!: number;

  /** Why it stopped or paused, for the operator. */
  @Column({ type: 'varchar', length: 1024, default: '' })
  reason!: string;

  @Column({ type: 'int', default: 0 })
  version!: number;

  /**
   * When an admin-service last claimed the plan's HTTP check (epoch ms, 0: never): the one whose
   * claim moved this forward asks the check; the others reuse its verdict until the next tick.
   */
  @Column({ type: 'bigint', default: 0, transformer: epochMillis })
  checkClaimedAt!: number;

  /** The HTTP check's last verdict, JSON `{healthy, reason}` ('' before the first). */
  @Column({ type: 'varchar', length: 512, default: '' })
  checkVerdict!: string;

  /** When that verdict was recorded (epoch ms, 0: never). */
  @Column({ type: 'bigint', default: 0, transformer: epochMillis })
  checkedAt!: number;

  @Column({ type: 'varchar', length: 64, default: '' })
  createdBy!: string;

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;
}
