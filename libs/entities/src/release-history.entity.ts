import { Column, Entity, Index } from 'typeorm';
import { AuditedEntity } from './audited.entity';
import { LargeTextColumn } from './large-text-column';

/** What happened to a namespace's releases: `operation` uses Apollo's numbering (0 normal release, 1 rollback, …). */
@Entity({ name: 'release_history' })
@Index('ix_release_history_namespace', ['appId', 'clusterName', 'namespaceName', 'branchName'])
@Index('ix_release_history_release', ['releaseId'])
export class ReleaseHistoryEntity extends AuditedEntity {
  @Column({ type: 'varchar', length: 64 })
  appId!: string;

  @Column({ type: 'varchar', length: 64 })
  clusterName!: string;

  @Column({ type: 'varchar', length: 128 })
  namespaceName!: string;

  @Column({ type: 'varchar', length: 64 })
  branchName!: string;

  @Column({ type: 'int', default: 0 })
  releaseId!: number;

  @Column({ type: 'int', default: 0 })
  previousReleaseId!: number;

  @Column({ type: 'int', default: 0 })
  operation!: number;

  @LargeTextColumn()
  operationContext!: string;
}
