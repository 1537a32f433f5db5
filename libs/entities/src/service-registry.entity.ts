import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Instances of our own services heartbeating for embedded discovery. */
@Entity({ name: 'service_registry' })
@Index('uq_service_registry_instance', ['instanceId'], { unique: true })
@Index('ix_service_registry_service', ['serviceName', 'lastHeartbeatAt'])
export class ServiceRegistryEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  serviceName!: string;

  @Column({ type: 'varchar', length: 128 })
  instanceId!: string;

  @Column({ type: 'varchar', length: 512 })
  uri!: string;

  @Column({ type: 'varchar', length: 64, default: 'default' })
  cluster!: string;

  @Column({ type: 'varchar', length: 1024, default: '{}' })
  metadata!: string;

  @Column({ type: 'datetime' })
  lastHeartbeatAt!: Date;

  @CreateDateColumn()
  createdAt!: Date;
}
