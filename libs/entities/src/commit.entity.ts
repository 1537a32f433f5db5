import { Column, Entity, Index } from 'typeorm';
import { AuditedEntity } from './audited.entity';
import { LargeTextColumn } from './large-text-column';

/** The change set of one edit (created, updated and deleted items), as JSON. */
@Entity({ name: 'commit' })
@Index('ix_commit_namespace', ['appId', 'clusterName', 'namespaceName'])
export class CommitEntity extends AuditedEntity {
  @Column({ type: 'varchar', length: 64 })
  appId!: string;

  @Column({ type: 'varchar', length: 64 })
  clusterName!: string;

  @Column({ type: 'varchar', length: 128 })
  namespaceName!: string;

  @LargeTextColumn()
  changeSets!: string;

  @Column({ type: 'varchar', length: 256, default: '' })
  comment!: string;
}
