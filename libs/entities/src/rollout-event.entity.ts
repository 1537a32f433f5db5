import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One thing that happened to a rollout: started, advanced, paused, resumed, gate failed, rolled back… */
@Entity({ name: 'rollout_event' })
@Index('ix_rollout_event_rollout', ['rolloutId'])
export class RolloutEventEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  rolloutId!: number;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ type: 'int' })
  stepIndex!: number;

  /** The operator, or `rollout-ticker` for what the admin-service decided itself. */
  @Column({ type: 'varchar', length: 64 })
  operator!: string;

  @Column({ type: 'varchar', length: 1024, default: '' })
  detail!: string;

  @CreateDateColumn()
  createdAt!: Date;
}
