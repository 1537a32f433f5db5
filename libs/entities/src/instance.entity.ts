import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A client process that reads configuration: Apollo's Instance (app, cluster, data center, IP),
 * and the label it reads with, since two processes on one host may carry different labels.
 */
@Entity({ name: 'instance' })
@Index('uq_instance_identity', ['appId', 'clusterName', 'dataCenter', 'ip', 'label'], { unique: true })
export class InstanceEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  appId!: string;

  @Column({ type: 'varchar', length: 64 })
  clusterName!: string;

  @Column({ type: 'varchar', length: 64, default: '' })
  dataCenter!: string;

  @Column({ type: 'varchar', length: 64 })
  ip!: string;

  /** `apollo.label` as sent on `/configs` reads; '' when the client sent none. */
  @Column({ type: 'varchar', length: 64, default: '' })
  label!: string;

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;
}
