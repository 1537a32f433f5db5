import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A client process that reads configuration: Apollo's Instance (app, cluster, data center, IP). */
@Entity({ name: 'instance' })
@Index('uq_instance_identity', ['appId', 'clusterName', 'dataCenter', 'ip'], { unique: true })
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

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;
}
