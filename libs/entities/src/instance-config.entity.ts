import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Which release of which namespace an instance read, and when it last read it. */
@Entity({ name: 'instance_config' })
@Index('uq_instance_config', ['instanceId', 'configAppId', 'configNamespaceName'], { unique: true })
@Index('ix_instance_config_namespace', [
  'configAppId',
  'configClusterName',
  'configNamespaceName',
  'lastSeenAt',
])
@Index('ix_instance_config_release', ['releaseKey'])
export class InstanceConfigEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  instanceId!: number;

  @Column({ type: 'varchar', length: 64 })
  configAppId!: string;

  @Column({ type: 'varchar', length: 64 })
  configClusterName!: string;

  @Column({ type: 'varchar', length: 128 })
  configNamespaceName!: string;

  @Column({ type: 'varchar', length: 256 })
  releaseKey!: string;

  /** When the instance first got this release. */
  @Column({ type: 'datetime' })
  releaseDeliveredAt!: Date;

  @Column({ type: 'datetime' })
  lastSeenAt!: Date;

  @CreateDateColumn()
  createdAt!: Date;
}
