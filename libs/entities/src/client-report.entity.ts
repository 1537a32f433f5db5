import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A client's newest verdict on one release: applied, rejected, check_failed. One row per instance
 * and release key (a merged `a+b` key is stored once per part), upserted in batches by the
 * config-service.
 */
@Entity({ name: 'client_report' })
@Index('uq_client_report', ['appId', 'clusterName', 'dataCenter', 'ip', 'releaseKey'], { unique: true })
@Index('ix_client_report_release', ['releaseKey', 'status'])
export class ClientReportEntity {
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

  @Column({ type: 'varchar', length: 128 })
  namespaceName!: string;

  @Column({ type: 'varchar', length: 64 })
  releaseKey!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ type: 'varchar', length: 256, default: '' })
  message!: string;

  @Column({ type: 'datetime' })
  reportedAt!: Date;
}
